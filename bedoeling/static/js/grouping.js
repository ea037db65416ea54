/* Grouping cards on the control view: drag a card onto a group with SortableJS, and
 * rename a group where its name stands.
 *
 * A drop sends the same POST as the card's own group menu (which stays, for the keyboard
 * and for a browser without JavaScript). The server decides: when it refuses (the round
 * was closed meanwhile, the card is gone) the card goes back to where it was, and the
 * next snapshot shows where the server has it. While a card is in the hand and until the
 * server answered, snapshots wait (live.js, "live:hold").
 */
(function () {
  "use strict";

  var snapshot = document.getElementById("snapshot");
  if (!snapshot) return;

  // A request that never answers must not keep the view from updating for ever.
  var HOLD_LIMIT = 15000;
  var holds = 0;

  function hold() {
    var mine = ++holds;
    document.dispatchEvent(new CustomEvent("live:hold"));
    window.setTimeout(function () { if (holds === mine) release(); }, HOLD_LIMIT);
  }

  function release() {
    holds += 1;
    document.dispatchEvent(new CustomEvent("live:release"));
  }

  function refused(event) {
    var xhr = event.detail && event.detail.xhr;
    return !xhr || xhr.status < 200 || xhr.status >= 300;
  }

  function drop(evt) {
    var item = evt.item, from = evt.from, to = evt.to;
    var form = item.querySelector("form.move");
    var board = to.closest("[data-grouping]");
    if (to === from || !form || !board || !window.htmx) {
      release();
      return;
    }
    form.addEventListener("htmx:afterRequest", function (event) {
      if (refused(event) && item.parentNode === to && from.isConnected) {
        from.insertBefore(item, from.children[evt.oldIndex] || null);
      }
      release();
    }, { once: true });
    window.htmx.ajax("POST", board.getAttribute("data-phase-url"), {
      source: form, target: "#snapshot", swap: "innerHTML",
      values: { action: "move", card: item.getAttribute("data-card"),
                cluster: to.getAttribute("data-cluster") || "" }
    });
  }

  function bind() {
    if (!window.Sortable) return;
    snapshot.querySelectorAll("[data-grouping] [data-cluster]").forEach(function (list) {
      if (list._sortable) return;
      list._sortable = window.Sortable.create(list, {
        group: "cards",
        sort: false,  // the order within a group is not kept: only where a card is
        draggable: "[data-card]",
        handle: "[data-drag-handle]",
        // Pointer events rather than the browser's own drag and drop: the same on a
        // touch screen, and the press that live.js watches lasts the whole drag.
        forceFallback: true,
        fallbackTolerance: 4,
        emptyInsertThreshold: 40,
        animation: 120,
        onStart: hold,
        onEnd: drop
      });
    });
  }

  /* ---- a group's name, edited in place ---- */

  function rename(input, keepFocus) {
    var name = input.value.trim();
    if (name === input.getAttribute("data-name")) {
      input.value = input.defaultValue;
      return;
    }
    input.setAttribute("data-name", name);
    if (!keepFocus) hold();
    input.form.addEventListener("htmx:afterRequest", function (event) {
      // Refused (empty, too long): the name stays what it was; the notice says why.
      if (refused(event)) {
        input.value = input.defaultValue;
        input.setAttribute("data-name", input.defaultValue);
      }
      if (!keepFocus) release();
    }, { once: true });
    input.form.requestSubmit();
  }

  snapshot.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-rename]")) return;
    if (event.key === "Escape") {
      event.preventDefault();
      input.value = input.defaultValue;
      input.setAttribute("data-name", input.defaultValue);
      input.blur();
    } else if (event.key === "Enter") {
      event.preventDefault();
      rename(input, true);
    }
  });

  snapshot.addEventListener("focusout", function (event) {
    var input = event.target;
    if (input.matches && input.matches("[data-rename]") && input.isConnected) rename(input, false);
  });

  new MutationObserver(bind).observe(snapshot, { childList: true });
  bind();
})();
