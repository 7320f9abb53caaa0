/* treatydiff report controls: filters, side-by-side view, jumping between findings.
   Reads only the page's own DOM; touches no network. The page works without it. */
(function () {
  "use strict";
  var body = document.body;
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  function radios(name) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name="' + name + '"]'));
  }

  /* Side by side: each redline text is cloned once into an old and a new column; CSS hides
     insertions in the old column and deletions in the new. Clones lose ids and focus stops
     so the page keeps one target per finding. */
  var built = false;
  function buildSideBySide() {
    if (built) { return; }
    built = true;
    var texts = document.querySelectorAll(".redline-list .text");
    for (var i = 0; i < texts.length; i++) {
      var text = texts[i];
      var row = document.createElement("div");
      row.className = "sbs";
      ["old", "new"].forEach(function (side) {
        var col = text.cloneNode(true);
        col.className = "col col-" + side;
        col.setAttribute("aria-label", side === "old" ? "Old draft" : "New draft");
        var marked = col.querySelectorAll("[id], [tabindex], [aria-describedby]");
        for (var j = 0; j < marked.length; j++) {
          marked[j].removeAttribute("id");
          marked[j].removeAttribute("tabindex");
          marked[j].removeAttribute("aria-describedby");
        }
        row.appendChild(col);
      });
      text.parentNode.insertBefore(row, text.nextSibling);
    }
  }

  /* The checked option's label is styled by class (see report.css on :has()). */
  function markChecked(name) {
    radios(name).forEach(function (r) { r.parentNode.classList.toggle("checked", r.checked); });
  }

  function setView(view) {
    if (view === "sbs") { buildSideBySide(); }
    body.setAttribute("data-view", view);
    radios("view").forEach(function (r) { r.checked = r.value === view; });
    markChecked("view");
  }
  function setFilter(filter) {
    body.setAttribute("data-filter", filter);
    radios("filter").forEach(function (r) { r.checked = r.value === filter; });
    markChecked("filter");
  }
  radios("filter").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) { setFilter(r.value); } });
  });
  radios("view").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) { setView(r.value); } });
  });
  if (body.getAttribute("data-view") === "sbs") { buildSideBySide(); }
  markChecked("filter");
  markChecked("view");

  function visible(el) { return el.offsetParent !== null || el.getClientRects().length > 0; }

  /* A link to something the current filter hides shows everything again first. */
  function reveal(target) {
    if (target && !visible(target)) { setFilter("all"); }
    if (body.getAttribute("data-view") === "sbs" && target && target.closest && target.closest(".text")) {
      setView("inline");
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    event.preventDefault();
    reveal(target);
    go(target);
    if (history.replaceState) { history.replaceState(null, "", link.getAttribute("href")); }
  });

  function go(target) {
    target.scrollIntoView({ block: "center" });
    if (target.matches("mark.finding")) {
      target.focus({ preventScroll: true });
      current = marks().indexOf(target);
      showCurrent();
    }
  }

  /* Jumping between findings: the inline marks in reading order, as filtered. */
  var current = -1;
  var status = document.getElementById("jump-status");
  function marks() {
    return Array.prototype.slice.call(document.querySelectorAll(".redline-list .text mark.finding[tabindex], .redline-list .prov-heading mark.finding[tabindex]")).filter(visible);
  }
  function showCurrent() {
    var all = marks();
    var old = document.querySelectorAll("mark.finding.current");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("current"); }
    if (current >= 0 && current < all.length) {
      all[current].classList.add("current");
      status.textContent = "Finding " + (current + 1) + " of " + all.length;
    } else {
      status.textContent = all.length ? all.length + " marked findings" : "No marked findings";
    }
  }
  function jump(step) {
    if (body.getAttribute("data-view") === "sbs") {
      setView("inline");
    }
    var all = marks();
    if (!all.length) { showCurrent(); return; }
    var focused = all.indexOf(document.activeElement);
    if (focused >= 0) { current = focused; }
    current = current < 0 ? (step > 0 ? 0 : all.length - 1) : (current + step + all.length) % all.length;
    var mark = all[current];
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    showCurrent();
  }
  document.getElementById("next-finding").addEventListener("click", function () { jump(1); });
  document.getElementById("prev-finding").addEventListener("click", function () { jump(-1); });
  /* On load, count without measuring: checking visibility would lay out the whole page. */
  function initialStatus() {
    var n = document.querySelectorAll(".redline-list mark.finding[tabindex]").length;
    status.textContent = n ? n + " marked findings" : "No marked findings";
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (event.target && event.target.isContentEditable)) { return; }
    if (event.key === "j" || event.key === "n") { event.preventDefault(); jump(1); }
    else if (event.key === "k" || event.key === "p") { event.preventDefault(); jump(-1); }
    else if (event.key === "Escape" && document.activeElement && document.activeElement.matches("mark.finding")) { document.activeElement.blur(); }
  });
  initialStatus();
})();
