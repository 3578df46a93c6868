// PolicySite search: runs in the browser over window.POLICYSITE_SEARCH (search/index.js), with
// no framework and no network, so it works from file:// and on an intranet server alike.
//
// Ranking: (1) the exact code, (2) codes that start with the query (G93 -> G9300-G9399), in
// code order, (3) entries whose code, short or long descriptor hold every query word, then
// (4) entries whose guidance text holds every word. A query word matches the start of a word
// ("dicom" finds "DICOM", "tc" does not find "patch"). Terminated codes are shown, marked.
(function () {
  "use strict";
  var data = window.POLICYSITE_SEARCH || { entries: [] };
  var entries = data.entries;
  var LIMIT = 200;
  // Words of each entry, lower-cased, each preceded by a space, built once: " g9328 medrsn ...".
  function normalise(text) {
    return " " + text.toLowerCase().replace(/[^a-z0-9]+/g, " ");
  }
  var descriptorText = new Array(entries.length);
  var guidanceText = new Array(entries.length);
  for (var i = 0; i < entries.length; i++) {
    var e = entries[i];
    descriptorText[i] = normalise(e[0] + " " + e[1] + " " + e[2]);
    guidanceText[i] = e[5] === "" ? "" : normalise(e[5]);
  }

  function words(query) {
    return query.toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  function containsAll(text, terms) {
    for (var t = 0; t < terms.length; t++) {
      if (text.indexOf(" " + terms[t]) < 0) return false;
    }
    return true;
  }

  function search(query) {
    var q = query.trim();
    if (q === "") return [];
    var upper = q.toUpperCase();
    var results = [];
    var seen = {};
    function add(index, kind) {
      if (seen[index]) return;
      seen[index] = true;
      results.push({ index: index, kind: kind });
    }
    if (/^[A-Z0-9]{1,5}$/.test(upper)) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i][0] === upper) add(i, "code");
      }
      for (var j = 0; j < entries.length; j++) {
        if (entries[j][0] !== "" && entries[j][0].indexOf(upper) === 0) add(j, "code");
      }
    }
    var terms = words(q);
    if (terms.length > 0) {
      for (var k = 0; k < entries.length; k++) {
        if (!seen[k] && containsAll(descriptorText[k], terms)) add(k, "descriptor");
      }
      for (var m = 0; m < entries.length; m++) {
        if (!seen[m] && guidanceText[m] !== "" && containsAll(guidanceText[m], terms)) add(m, "guidance");
      }
    }
    return results;
  }

  function render(query) {
    var list = document.getElementById("search-results");
    var summary = document.getElementById("search-summary");
    if (!list || !summary) return;
    var started = (window.performance && performance.now) ? performance.now() : Date.now();
    var results = search(query);
    var elapsed = ((window.performance && performance.now) ? performance.now() : Date.now()) - started;
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
      li.appendChild(document.createTextNode(" " + (e[0] !== "" ? e[1] : e[2])));
      if (isModifier) li.setAttribute("data-kind", "modifier");
      if (e[3] !== "") {
        var badge = document.createElement("span");
        badge.className = "status status-terminated";
        badge.textContent = e[3];
        li.appendChild(document.createTextNode(" "));
        li.appendChild(badge);
      }
      if (shown[r].kind === "guidance") {
        var note = document.createElement("span");
        note.className = "match-note";
        note.textContent = " (in guidance)";
        li.appendChild(note);
      }
      list.appendChild(li);
    }
    summary.setAttribute("data-ms", elapsed.toFixed(2));
    if (query.trim() === "") {
      summary.textContent = "";
    } else if (results.length === 0) {
      summary.textContent = "No results for \u201c" + query + "\u201d.";
    } else {
      summary.textContent = results.length + " result" + (results.length === 1 ? "" : "s") +
        (results.length > LIMIT ? " (first " + LIMIT + " shown)" : "") + " for \u201c" + query + "\u201d.";
    }
  }

  function queryFromURL() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search);
    return match ? decodeURIComponent(match[1].replace(/\+/g, " ")) : "";
  }

  window.PolicySiteSearch = { search: search, entries: entries };

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
