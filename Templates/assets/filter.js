// PolicySite section filter: narrows a section page's code table as one types, in the browser,
// with no network (works from file://). A query matches a row when the row's code starts with
// it (G93 -> G9300-G9399) or when the row's text holds every query word at the start of a word,
// folded as search.js folds (NFD, marks dropped, lower case). Without JavaScript the box stays
// hidden and the whole table shows.
(function () {
  "use strict";
  var form = document.getElementById("code-filter");
  var table = document.getElementById("code-table");
  if (!form || !table) { return; }
  var input = form.querySelector("input");
  var status = document.getElementById("code-filter-status");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }
  // Each row's code and its words (the short descriptor, in data-short, too: coders type
// CMS's abbreviations), folded once: " g9328 dicom format ... medrsn no dicom ...".
  var keys = rows.map(function (row) {
    var text = row.textContent + " " + (row.getAttribute("data-short") || "");
    return { code: fold(row.getAttribute("data-code") || ""), text: " " + fold(text).replace(/[^\p{L}\p{N}]+/gu, " ") };
  });
  function apply() {
    var query = fold(input.value.trim());
    var words = query.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row, index) {
      var key = keys[index];
      var match = words.length === 0 || key.code.indexOf(query) === 0 ||
        words.every(function (w) { return key.text.indexOf(" " + w) >= 0; });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = words.length === 0 ? "" : shown + " of " + rows.length + " codes match";
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", apply);
  // A query in the address (?filter=G93) applies on load, so a filtered list can be linked.
  var initial = new URLSearchParams(window.location.search).get("filter");
  if (initial) { input.value = initial; }
  apply();
})();
