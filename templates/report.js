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

  /* What sticks to the top of the window: the toolbar, and in side-by-side mode the OLD/NEW
     header under it (kept right below the toolbar, however many lines the toolbar wraps to). */
  var toolbar = document.querySelector(".toolbar");
  var sbsHead = document.querySelector(".sbs-head");
  function stuckHeight() {
    var height = toolbar ? toolbar.offsetHeight : 0;
    if (sbsHead && body.getAttribute("data-view") === "sbs") {
      sbsHead.style.top = height + "px";
      height += sbsHead.offsetHeight;
    }
    return height;
  }
  /* A provision's heading lands right below what sticks, never under it; marks are centred.
     Articles far away are laid out only when near (content-visibility), so the place is
     measured again once they are. */
  function scrollToHeading(target) {
    var head = target.querySelector(".prov-head") || target;
    var frames = 0, last = null;
    function place() {
      var top = head.getBoundingClientRect().top + window.pageYOffset - stuckHeight() - 8;
      window.scrollTo(0, Math.max(0, top));
      return head.getBoundingClientRect().top;
    }
    /* Laying out the articles that came near shifts the page for a few frames: place the
       heading again each frame until it stays put. */
    function again() {
      var at = place();
      if (last !== null && Math.abs(at - last) < 1) { return; }
      last = at;
      if (++frames < 20 && window.requestAnimationFrame) { window.requestAnimationFrame(again); }
    }
    again();
  }
  function go(target) {
    if (target.matches("mark.finding")) {
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      var n = target.getAttribute("data-finding");
      current = findingTargets().map(function (t) { return t.n; }).indexOf(n);
      showCurrent();
    } else {
      scrollToHeading(target);
    }
  }

  /* Jumping between findings: one stop per finding of the list (not per mark: a finding may
     mark several runs of words, and one whose words are not marked stops at its provision), in
     the list's order, as filtered. */
  var current = -1;
  var status = document.getElementById("jump-status");
  var findingLinks = Array.prototype.slice.call(document.querySelectorAll(".finding-list .finding-link"));
  function findingTargets() {
    var out = [];
    findingLinks.forEach(function (link, i) {
      var el = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (el && visible(el)) { out.push({ el: el, n: String(i + 1) }); }
    });
    return out;
  }
  function showCurrent() {
    var all = findingTargets();
    var old = document.querySelectorAll(".current");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("current"); }
    if (current >= 0 && current < all.length) {
      all[current].el.classList.add("current");
      status.textContent = "Finding " + (current + 1) + " of " + all.length;
    } else {
      status.textContent = all.length ? all.length + " findings" : "No findings";
    }
  }
  function jump(step) {
    if (body.getAttribute("data-view") === "sbs") {
      setView("inline");
    }
    var all = findingTargets();
    if (!all.length) { showCurrent(); return; }
    var focused = document.activeElement && document.activeElement.getAttribute ? document.activeElement.getAttribute("data-finding") : null;
    var at = focused ? all.map(function (t) { return t.n; }).indexOf(focused) : -1;
    if (at >= 0) { current = at; }
    current = current < 0 ? (step > 0 ? 0 : all.length - 1) : (current + step + all.length) % all.length;
    var el = all[current].el;
    if (el.matches("mark.finding")) {
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    } else {
      scrollToHeading(el);
    }
    showCurrent();
  }
  document.getElementById("next-finding").addEventListener("click", function () { jump(1); });
  document.getElementById("prev-finding").addEventListener("click", function () { jump(-1); });
  /* On load, count without measuring: checking visibility would lay out the whole page. */
  function initialStatus() {
    var n = findingLinks.length;
    status.textContent = n ? n + " findings" : "No findings";
  }

  /* An explanation stays inside its column: shifted left when it would pass the right edge,
     and its article shown whole while it is open (off-screen articles are clipped to their box). */
  function openTip(mark) {
    var tip = mark.querySelector(".tip");
    if (!tip) { return; }
    var article = mark.closest(".provision.article");
    if (article) { article.classList.add("tip-open"); }
    tip.style.left = "";
    var column = mark.closest(".col, .text, main") || document.body;
    var box = column.getBoundingClientRect();
    var rect = tip.getBoundingClientRect();
    var shift = 0;
    if (rect.right > box.right) { shift = box.right - rect.right; }
    if (rect.left + shift < box.left) { shift = box.left - rect.left; }
    if (shift) { tip.style.left = shift + "px"; }
  }
  function closeTip(mark) {
    var article = mark.closest(".provision.article");
    if (article) { article.classList.remove("tip-open"); }
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var mark = event.target.closest ? event.target.closest("mark.finding") : null;
      if (mark) { openTip(mark); }
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var mark = event.target.closest ? event.target.closest("mark.finding") : null;
      if (mark && !(event.relatedTarget && mark.contains(event.relatedTarget))) { closeTip(mark); }
    });
  });
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
