// PolicySite search: runs in the browser over window.POLICYSITE_SEARCH (search/index.js), with
// no framework and no network, so it works from file:// and on an intranet server alike.
//
// Matching: text and query are folded the same way (Unicode NFD, combining marks dropped, lower
// case), so "revision" finds "Revisión" and "revisión" finds "revision"; words are split by
// Unicode letters and digits, so "año" is one word, never "a" and "o". A query word matches the
// start of a word ("dicom" finds "DICOM", "tc" does not find "patch").
//
// Ranking: (1) the exact code, with the modifiers named beside it ("G9329-26", "g9329 tc") or
// after "modifier"; (2) codes with guidance that match; (3) codes that start with the query
// (G93 -> G9300-G9399), in code order; (4) entries whose code, descriptors or guidance title
// hold every query word; (5) entries whose guidance or page text holds every word.
(function () {
  "use strict";
  var data = window.POLICYSITE_SEARCH || { entries: [] };
  // Each entry: [code, title, descriptor, status, url, text, guidance title].
  var entries = data.entries;
  var LIMIT = 200;
  var MAX_QUERY = 200;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }
  // Words of a text, folded, each preceded by a space: " g9328 medrsn ...".
  function wordText(text) {
    return " " + fold(text).replace(/[^\p{L}\p{N}]+/gu, " ");
  }
  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  var descriptorText = new Array(entries.length);
  var guidanceText = new Array(entries.length);
  var byCode = {};
  var byModifier = {};
  for (var i = 0; i < entries.length; i++) {
    var e = entries[i];
    descriptorText[i] = wordText(e[0] + " " + e[1] + " " + e[2] + " " + e[6]);
    guidanceText[i] = e[5] === "" ? "" : wordText(e[5]);
    if (e[0] === "") continue;
    if (e[4].indexOf("modifiers/") === 0) byModifier[e[0]] = i; else byCode[e[0]] = i;
  }

  function containsAll(text, terms) {
    for (var t = 0; t < terms.length; t++) {
      if (text.indexOf(" " + terms[t]) < 0) return false;
    }
    return true;
  }

  function search(query) {
    var q = query.trim().slice(0, MAX_QUERY);
    if (q === "") return [];
    var results = [];
    var seen = {};
    function add(index, kind) {
      if (index === undefined || seen[index]) return;
      seen[index] = true;
      results.push({ index: index, kind: kind });
    }
    var terms = words(q);
    var upperTerms = terms.map(function (t) { return t.toUpperCase(); });
    // (1) A code as coders type it, with its modifiers: "G9329-26", "G9329 26", "g9329 tc".
    if (byCode.hasOwnProperty(upperTerms[0])) {
      add(byCode[upperTerms[0]], "code");
      for (var m = 1; m < upperTerms.length; m++) {
        if (byModifier.hasOwnProperty(upperTerms[m])) add(byModifier[upperTerms[m]], "modifier");
      }
    }
    // "modifier 26", "modifiers TC GA".
    if (terms[0] === "modifier" || terms[0] === "modifiers") {
      for (var n = 1; n < upperTerms.length; n++) {
        if (byModifier.hasOwnProperty(upperTerms[n])) add(byModifier[upperTerms[n]], "modifier");
      }
    }
    if (terms.length === 1 && byModifier.hasOwnProperty(upperTerms[0])) add(byModifier[upperTerms[0]], "modifier");
    var prefix = terms.length === 1 && /^[A-Z0-9]{1,5}$/.test(upperTerms[0]) ? upperTerms[0] : "";
    var matching = [];
    for (var k = 0; k < entries.length; k++) {
      if (seen[k]) continue;
      var code = entries[k][0];
      if (prefix !== "" && code !== "" && code.indexOf(prefix) === 0) matching.push({ index: k, kind: "code" });
      else if (terms.length > 0 && containsAll(descriptorText[k], terms)) matching.push({ index: k, kind: "descriptor" });
    }
    // (2) Codes with guidance first, then (3) prefixes in code order, then (4) words.
    var r;
    for (r = 0; r < matching.length; r++) if (entries[matching[r].index][6] !== "") add(matching[r].index, matching[r].kind);
    for (r = 0; r < matching.length; r++) if (matching[r].kind === "code") add(matching[r].index, "code");
    for (r = 0; r < matching.length; r++) add(matching[r].index, matching[r].kind);
    // (5) Guidance and page text.
    if (terms.length > 0) {
      for (var g = 0; g < entries.length; g++) {
        if (!seen[g] && guidanceText[g] !== "" && containsAll(guidanceText[g], terms)) add(g, "guidance");
      }
    }
    return results;
  }

  // Appends `text` to `parent`, with each word that starts with a query term in <mark>.
  function appendMarked(parent, text, terms) {
    var pattern = /[\p{L}\p{N}\p{M}]+/gu;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var folded = fold(match[0]);
      var hit = terms.some(function (t) { return folded.indexOf(t) === 0; });
      if (!hit) continue;
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function render(query) {
    var list = document.getElementById("search-results");
    var summary = document.getElementById("search-summary");
    if (!list || !summary) return;
    var started = (window.performance && performance.now) ? performance.now() : Date.now();
    var results = search(query);
    var elapsed = ((window.performance && performance.now) ? performance.now() : Date.now()) - started;
    var terms = words(query.slice(0, MAX_QUERY));
    list.textContent = "";
    var shown = results.slice(0, LIMIT);
    for (var r = 0; r < shown.length; r++) {
      var e = entries[shown[r].index];
      var li = document.createElement("li");
      li.setAttribute("data-code", e[0]);
      li.setAttribute("data-match", shown[r].kind);
      var a = document.createElement("a");
      a.href = "../" + e[4];
      var isModifier = e[4].indexOf("modifiers/") === 0;
      a.textContent = isModifier ? "Modifier " + e[0] : (e[0] !== "" ? e[0] : e[1]);
      li.appendChild(a);
      if (isModifier) li.setAttribute("data-kind", "modifier");
      // The long descriptor tells apart codes whose short descriptors are the same.
      var described = document.createElement("span");
      described.className = "result-descriptor";
      appendMarked(described, isModifier ? e[2].replace(/^Modifier [^:]*: /, "") : e[2] !== "" ? e[2] : e[1], terms);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(described);
      if (e[3] !== "") {
        var badge = document.createElement("span");
        badge.className = "status status-terminated";
        // Each date in a <time>, as the pages write it: a date never breaks at its hyphens.
        e[3].split(/(\d{4}-\d{2}-\d{2})/).forEach(function (part, index) {
          if (index % 2 === 0) { badge.appendChild(document.createTextNode(part)); return; }
          var time = document.createElement("time");
          time.setAttribute("datetime", part);
          time.textContent = part;
          badge.appendChild(time);
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(badge);
      }
      if (e[6] !== "") {
        var guidance = document.createElement("span");
        guidance.className = "has-guidance";
        guidance.textContent = "Guidance: " + e[6];
        li.appendChild(document.createTextNode(" "));
        li.appendChild(guidance);
      }
      if (shown[r].kind === "guidance") {
        var note = document.createElement("span");
        note.className = "match-note";
        note.textContent = " (in the text)";
        li.appendChild(note);
      }
      list.appendChild(li);
    }
    summary.setAttribute("data-ms", elapsed.toFixed(2));
    var shownQuery = query.slice(0, MAX_QUERY);
    if (query.trim() === "") {
      summary.textContent = "";
    } else if (results.length === 0) {
      summary.textContent = "No results for \u201c" + shownQuery + "\u201d.";
    } else {
      summary.textContent = results.length + " result" + (results.length === 1 ? "" : "s") +
        (results.length > LIMIT ? " (first " + LIMIT + " shown)" : "") + " for \u201c" + shownQuery + "\u201d.";
    }
  }

  // The query of the page's URL. A malformed escape (`%E9` alone, `%`) is kept as it was
  // written rather than breaking the page.
  function queryFromURL() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!match) return "";
    var raw = match[1].replace(/\+/g, " ");
    try {
      return decodeURIComponent(raw);
    } catch (error) {
      return raw.replace(/%[0-9A-Fa-f]{2}/g, function (escape) {
        try { return decodeURIComponent(escape); } catch (inner) { return escape; }
      });
    }
  }

  window.PolicySiteSearch = { search: search, entries: entries, fold: fold };

  var input = document.getElementById("search-q");
  if (input) {
    var initial = queryFromURL();
    input.value = initial;
    render(initial);
    input.addEventListener("input", function () {
      render(input.value);
      if (window.history && history.replaceState && window.location.protocol !== "file:") {
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      }
    });
  }
})();
