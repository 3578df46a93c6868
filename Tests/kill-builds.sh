#!/usr/bin/env bash
# Kills `policysite build` of the 2019 CMS release with SIGKILL at KILLS points (32 unless
# set) spread over a build, alternating between two revisions A and B, and checks after each:
#   - the output is exactly the previous site or exactly the new one: its manifest is
#     byte-identical to the reference manifest of A or of B, and `verify` finds no file
#     added, missing or changed;
#   - the next build succeeds and leaves no staging or trash folder behind.
# Then SIGTERM at 3 points (exit 143, previous site intact, nothing left behind) and 3 pairs
# of concurrent builds (both succeed, one complete site).
# Usage, from the repository root after `swift build`: bash Tests/kill-builds.sh
# POLICYSITE=path/to/policysite chooses the binary (default .build/debug/policysite).
set -euo pipefail
cd "$(dirname "$0")/.."
release=$(realpath ../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt)
kills=${KILLS:-32}
work=$(mktemp -d /tmp/policysite-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A copy of the binary: a `swift build` during the run must not change the site it writes.
cp "${POLICYSITE:-.build/debug/policysite}" "$work/policysite"
bin=$work/policysite
site=$work/Site

build() {  # build REVISION [extra flags]: a complete build, bounded in time
  local revision=$1; shift
  timeout 300 "$bin" build --content Content --templates Templates --code-set "$release" --output "$site" --revision "$revision" "$@" >/dev/null 2>"$work/stderr"
}
state() {  # prints A or B for an output that is exactly one of them, else fails
  local manifest=$site/publication/manifest.json
  if cmp -s "$manifest" "$work/A.json"; then echo A
  elif cmp -s "$manifest" "$work/B.json"; then echo B
  else echo "output is neither site A nor site B" >&2; return 1; fi
  "$bin" verify "$site" >"$work/verify" || { echo "verify found differences:" >&2; head "$work/verify" >&2; return 1; }
}
no_leftovers() {
  if ls -a "$work" | grep -E '^\.Site\.(tmp|trash|old)-' >&2; then echo "staging folder left behind" >&2; return 1; fi
}
fail() { echo "FAIL: $*" >&2; exit 1; }

build A || fail "reference build A"; cp "$site/publication/manifest.json" "$work/A.json"
start=$(date +%s%N)
build B || fail "reference build B"; cp "$site/publication/manifest.json" "$work/B.json"
duration=$(( ($(date +%s%N) - start) / 1000000 ))  # milliseconds
cmp -s "$work/A.json" "$work/B.json" && fail "A and B must differ"
build A || fail "build A"
current=A; old=0; new=0
for i in $(seq 1 "$kills"); do
  next=$([ "$current" = A ] && echo B || echo A)
  # Kill points spread from the start to a little past the usual end of a build.
  delay=$(( duration * i * 11 / (10 * kills) ))
  "$bin" build --content Content --templates Templates --code-set "$release" --output "$site" --revision "$next" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  found=$(state) || fail "after a kill at ${delay} ms (point $i)"
  if [ "$found" = "$current" ]; then old=$((old + 1)); else new=$((new + 1)); fi
  build "$next" || { cat "$work/stderr" >&2; fail "the build after a kill at ${delay} ms (point $i)"; }
  [ "$(state)" = "$next" ] || fail "the build after point $i did not publish $next"
  no_leftovers || fail "after the build following point $i"
  echo "point $i: killed at ${delay} ms, output was the $([ "$found" = "$current" ] && echo previous || echo new) site"
  current=$next
done
echo "SIGKILL at $kills points over ${duration} ms: $old left the previous site, $new the new one; every next build succeeded"

for i in 1 2 3; do
  next=$([ "$current" = A ] && echo B || echo A)
  delay=$(( duration * i / 4 ))
  "$bin" build --content Content --templates Templates --code-set "$release" --output "$site" --revision "$next" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -TERM "$pid"
  status=0; wait "$pid" || status=$?
  found=$(state) || fail "after SIGTERM at ${delay} ms"
  if [ "$found" = "$current" ]; then
    [ "$status" = 143 ] || fail "SIGTERM at ${delay} ms: exit status $status, expected 143"
    no_leftovers || fail "SIGTERM at ${delay} ms left its staging folder"
  fi
  current=$found
done
echo "SIGTERM at 3 points: exit 143 and the previous site, or the build had finished"

for pair in 1 2 3; do
  build A & first=$!
  build B & second=$!
  wait "$first" || fail "concurrent pair $pair: the first build failed"
  wait "$second" || fail "concurrent pair $pair: the second build failed"
  state >/dev/null || fail "concurrent pair $pair"
  no_leftovers || fail "concurrent pair $pair"
done
echo "3 pairs of concurrent builds: both finished, one complete site"
