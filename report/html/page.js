"use strict";
(function () {
  var table = document.getElementById("findings-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var controls = document.getElementById("controls");
  var shown = document.getElementById("shown");
  var f = {
    keytype: document.getElementById("f-keytype"),
    klass: document.getElementById("f-class"),
    where: document.getElementById("f-where"),
    suppressed: document.getElementById("f-suppressed"),
    path: document.getElementById("f-path")
  };

  function visible(tr) {
    var d = tr.dataset;
    if (f.keytype.value && d.k !== f.keytype.value) return false;
    if (f.klass.value && !tr.classList.contains(f.klass.value)) return false;
    if (f.where.value && d.w !== f.where.value) return false;
    if (f.suppressed.value === "active" && d.x) return false;
    if (f.suppressed.value === "only" && !d.x) return false;
    var q = f.path.value.toLowerCase();
    if (q && cell(tr, PATH).toLowerCase().indexOf(q) < 0) return false;
    return true;
  }

  function filter() {
    var n = 0;
    rows.forEach(function (tr) {
      var show = visible(tr);
      tr.hidden = !show;
      if (show) n++;
    });
    shown.textContent = n + " of " + rows.length + " findings shown";
  }

  // Columns of the findings table.
  var KEYNAME = 1, PATH = 2, COMMIT = 4, AUTHOR = 5;
  function cell(tr, i) { return tr.cells[i].textContent; }
  // "path:line:col" sorts by path, then by line as a number.
  function place(tr) {
    var m = /^(.*):(\d+):(\d+)/.exec(cell(tr, PATH)) || ["", cell(tr, PATH), "0", "0"];
    return m[1] + "\u0000" + ("000000000" + m[2]).slice(-9) + ("000000000" + m[3]).slice(-9);
  }
  var keys = {
    severity: function (tr) { return 9 - Number(tr.dataset.s); },
    keytype: function (tr) { return cell(tr, KEYNAME); },
    path: place,
    date: function (tr) { return cell(tr, COMMIT).slice(-10); },
    author: function (tr) { return cell(tr, AUTHOR).toLowerCase(); }
  };

  function sortBy(th) {
    var key = keys[th.dataset.sort];
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    // Work out each row's key once, not once per comparison.
    var keyed = rows.map(function (tr, i) { return { k: key(tr), i: i, tr: tr }; });
    keyed.sort(function (a, b) {
      return a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i;
    });
    rows = keyed.map(function (e) { return e.tr; });
    var frag = document.createDocumentFragment();
    rows.forEach(function (tr) { frag.appendChild(tr); });
    body.appendChild(frag);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (th.dataset.sort) th.addEventListener("click", function () { sortBy(th); });
  });
  [f.keytype, f.klass, f.where, f.suppressed].forEach(function (s) { s.addEventListener("change", filter); });
  f.path.addEventListener("input", filter);
  controls.hidden = false;
  filter();

  // The checklist: one local-storage entry per page, keyed by the key ids
  // (hashes), never by a value.
  var store = "ampscan-checklist";
  var ticked = {};
  try { ticked = JSON.parse(localStorage.getItem(store) || "{}") || {}; } catch (e) { ticked = {}; }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-key]"), function (box) {
    box.checked = !!ticked[box.dataset.key];
    box.addEventListener("change", function () {
      if (box.checked) ticked[box.dataset.key] = true; else delete ticked[box.dataset.key];
      try { localStorage.setItem(store, JSON.stringify(ticked)); } catch (e) { /* storage off: ticks last this visit */ }
    });
  });
  // How long the page took to become interactive, for the tests.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = "1";
})();
