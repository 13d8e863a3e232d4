// Sorting and filtering for the people table and the timeline. No dependencies, no network.
(function () {
  "use strict";

  function rowsOf(target) {
    return Array.prototype.slice.call(
      target.tagName === "TABLE" ? target.tBodies[0].rows : target.querySelectorAll(".timeline-entry")
    );
  }

  function applyFilters(box, target) {
    var controls = box.querySelectorAll("[data-filter]");
    var rows = rowsOf(target);
    var shown = 0;
    rows.forEach(function (row) {
      var visible = true;
      controls.forEach(function (control) {
        var wanted = control.value.trim().toLowerCase();
        if (!wanted) return;
        var key = control.getAttribute("data-filter");
        var have = (row.getAttribute("data-" + key) || "").toLowerCase();
        if (key === "text") visible = visible && have.indexOf(wanted) !== -1;
        else if (key === "person") visible = visible && have.split(" ").indexOf(wanted) !== -1;
        else visible = visible && have === wanted;
      });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    target.querySelectorAll(".timeline-year").forEach(function (section) {
      section.hidden = !section.querySelector(".timeline-entry:not([hidden])");
    });
    var output = box.querySelector(".filter-count");
    if (output) output.textContent = shown + " of " + rows.length + " shown";
  }

  function setUpFilters() {
    document.querySelectorAll("[data-filter-for]").forEach(function (box) {
      var target = document.getElementById(box.getAttribute("data-filter-for"));
      if (!target) return;
      box.querySelectorAll("[data-filter]").forEach(function (control) {
        control.addEventListener("input", function () { applyFilters(box, target); });
        control.addEventListener("change", function () { applyFilters(box, target); });
      });
      applyFilters(box, target);
    });
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-value") || cell.textContent).trim() : "";
  }

  function setUpSorting() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var headers = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(headers, function (th, index) {
        var button = th.querySelector("button");
        if (!button) return;
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, index), y = cellValue(b, index);
            return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  // (The search dialog's accessible name is in the HTML: templates/theme/partials/search.html.)
  function start() { setUpFilters(); setUpSorting(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
