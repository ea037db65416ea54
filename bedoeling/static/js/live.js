/* Bedoeling live views: one EventSource per page, swaps of server-rendered HTML, a
 * countdown kept in sync with the server clock. No framework; htmx handles the forms.
 *
 * Phones receive the phase (the same HTML for everyone in a role) and fetch their
 * personal part themselves, after a random delay so that 800 phones in a theatre do
 * not all ask at the same millisecond. Screens and the control view receive snapshots.
 */
(function () {
  "use strict";

  var root = document.getElementById("live");
  if (!root || !window.EventSource) return;

  var kind = root.dataset.liveKind;
  var target = document.getElementById(root.dataset.liveTarget);
  var statusEl = document.querySelector("[data-live-status]");
  var shownVersion = null;
  var pendingSnapshot = null;
  var clockOffset = 0;

  function currentVersion() {
    var el = target.querySelector("[data-version]");
    return el ? el.getAttribute("data-version") : null;
  }
  shownVersion = currentVersion();

  function setStatus(online) {
    if (!statusEl) return;
    statusEl.textContent = online ? (root.dataset.onlineText || "") : (root.dataset.offlineText || "");
    statusEl.classList.toggle("is-offline", !online);
  }

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function processHtmx(el) {
    if (window.htmx) window.htmx.process(el);
  }

  /* ---- phones ---- */

  // A nudge that arrives while a phone's fetch is on its way would be lost: the reply may
  // have been rendered before the news. Each fetch notes the nudges it has seen and asks
  // again when one came in meanwhile and the phone is still waiting.
  var nudges = 0;

  function spread(slot) {
    return Math.random() * (parseInt(slot.getAttribute("data-spread"), 10) || 1500);
  }

  function fetchPersonal(slot, delay) {
    var src = slot.getAttribute("data-src");
    var key = slot.getAttribute("data-key");
    window.setTimeout(function () {
      var seen = nudges;
      fetch(src, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var live = document.getElementById("personal");
          if (!live || live.getAttribute("data-key") !== key) return;
          live.innerHTML = html;
          prepare(live);
          if (nudges !== seen && live.querySelector("[data-waiting]")) fetchPersonal(live, spread(live));
        })
        .catch(function () { /* the next event or reconnect heals this */ });
    }, delay);
  }

  // A phone waiting for something to act on asks again (one whose fetch is under way asks
  // again when its reply comes, see fetchPersonal).
  function nudged() {
    nudges += 1;
    var slot = document.getElementById("personal");
    if (slot && slot.querySelector("[data-waiting]")) fetchPersonal(slot, spread(slot));
  }

  function applyPhase(html, version) {
    if (version && version === shownVersion) return;
    var fresh = parse(html);
    var oldSlot = document.getElementById("personal");
    var newSlot = fresh.getElementById ? fresh.getElementById("personal") : fresh.querySelector("#personal");
    var sameKey = oldSlot && newSlot && oldSlot.getAttribute("data-key") === newSlot.getAttribute("data-key");
    if (sameKey) {
      // Same question, same rights: keep what the participant is typing or has chosen.
      while (oldSlot.firstChild) newSlot.appendChild(oldSlot.firstChild);
    }
    target.replaceChildren(fresh);
    shownVersion = version || currentVersion();
    var slot = document.getElementById("personal");
    if (slot && !sameKey) {
      slot.textContent = "";
      fetchPersonal(slot, spread(slot));
    }
    prepare(target);
  }

  /* ---- screen and control ---- */

  function editing() {
    var active = document.activeElement;
    return active && target.contains(active) &&
      /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active.type !== "submit";
  }

  // A button under a pressed mouse or finger is not swapped away: the click would be lost.
  var pressing = false;
  target.addEventListener("pointerdown", function () { pressing = true; });
  function released() {
    if (!pressing) return;
    window.setTimeout(function () {
      pressing = false;
      if (pendingSnapshot && !editing()) applySnapshot(pendingSnapshot);
    }, 50);
  }
  document.addEventListener("pointerup", released);
  document.addEventListener("pointercancel", released);

  // A card being dragged to a group (grouping.js) is not torn from the hand either: the
  // hold lasts from the pick-up until the server has answered the drop.
  var holding = false;
  document.addEventListener("live:hold", function () { holding = true; });
  document.addEventListener("live:release", function () {
    holding = false;
    if (pendingSnapshot && !editing() && !pressing) applySnapshot(pendingSnapshot);
  });

  // What identifies a focused control across snapshots: its id, or its form's action with
  // its name and value (the buttons of a phase), or its text.
  function focusKey(el) {
    if (!el || el === document.body || !target.contains(el)) return null;
    if (el.id) return "#" + el.id;
    var form = el.form || el.closest("form");
    return [el.tagName, form ? form.getAttribute("action") : "", el.getAttribute("name") || "",
            el.getAttribute("value") || "", el.getAttribute("href") || "",
            (el.textContent || "").trim()].join("|");
  }

  function refocus(key) {
    if (!key) return;
    var found = null;
    if (key.charAt(0) === "#") found = document.getElementById(key.slice(1));
    else {
      target.querySelectorAll("button, a[href], input, select, textarea, summary").forEach(function (el) {
        if (!found && focusKey(el) === key) found = el;
      });
    }
    if (found && target.contains(found)) found.focus({ preventScroll: true });
  }

  // A fold the facilitator opened ("Deze vaststellen…") stays open across snapshots.
  function detailsKeys(scope) {
    var counts = {};
    return Array.prototype.map.call(scope.querySelectorAll("details"), function (el) {
      var summary = el.querySelector("summary");
      var base = el.id ? "#" + el.id : (summary ? summary.textContent.trim() : "");
      counts[base] = (counts[base] || 0) + 1;
      return { el: el, key: base + "|" + counts[base] };
    });
  }

  // A field the facilitator changed and has not sent yet keeps her value across
  // snapshots: she picks a participant, then a role, and the control view re-renders
  // in between (a stop-meter does so every second) — her first choice must not reset.
  var unsent = {};
  function fieldKey(el) {
    if (!el || !el.name || !/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return null;
    if (el.type === "hidden" || el.type === "submit") return null;
    if (el.id) return "#" + el.id;
    var form = el.closest("form");
    return (form ? form.getAttribute("action") || "" : "") + "|" + el.name +
      (el.type === "radio" ? "=" + el.value : "");
  }
  // A group's name edited in place (grouping.js) is not kept: Enter saves it, Escape and
  // leaving cancel or save it, and all groups' name fields share one key (their form's
  // action and "name"), so a kept name came back into every one of them with a snapshot,
  // even after Escape.
  function remember(event) {
    var key = fieldKey(event.target);
    if (kind !== "control" || !key || event.target.hasAttribute("data-rename")) return;
    var el = event.target;
    unsent[key] = (el.type === "checkbox" || el.type === "radio") ? el.checked : el.value;
  }
  target.addEventListener("input", remember);
  target.addEventListener("change", remember);
  document.body.addEventListener("submit", function (event) {
    Array.prototype.forEach.call(event.target.elements || [], function (el) {
      delete unsent[fieldKey(el)];
    });
  });
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (!form) return;
    Array.prototype.forEach.call(form.elements, function (el) { delete unsent[fieldKey(el)]; });
  });
  function restoreUnsent(scope) {
    scope.querySelectorAll("input, textarea, select").forEach(function (el) {
      var key = fieldKey(el);
      if (!key || !(key in unsent) || el.hasAttribute("data-rename")) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = unsent[key];
      else el.value = unsent[key];
    });
  }

  function applySnapshot(html) {
    if (kind === "control" && (editing() || pressing || holding)) {
      pendingSnapshot = html;  // never wipe what the facilitator is typing or clicking
      return;
    }
    pendingSnapshot = null;
    var key = focusKey(document.activeElement);
    var open = {};
    detailsKeys(target).forEach(function (d) { if (d.el.open) open[d.key] = true; });
    var fresh = parse(html);
    moveOutOfBand(fresh);
    detailsKeys(fresh).forEach(function (d) { if (open[d.key]) d.el.open = true; });
    restoreUnsent(fresh);
    target.replaceChildren(fresh);
    prepare(target);
    refocus(key);  // a keyboard user keeps her place while the votes come in
  }

  // Parts of the page outside the snapshot (the phase list) travel along with it, as
  // htmx's out-of-band swaps do for a form's reply.
  function moveOutOfBand(scope) {
    scope.querySelectorAll("[hx-swap-oob][id]").forEach(function (el) {
      var old = document.getElementById(el.id);
      if (!old || old === el) return;
      el.remove();
      old.replaceWith(el);
      prepare(el);
    });
  }

  document.addEventListener("focusout", function () {
    window.setTimeout(function () {
      if (pendingSnapshot && !editing()) applySnapshot(pendingSnapshot);
    }, 50);
  });

  /* ---- the countdown ---- */

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function readTimers(scope) {
    scope.querySelectorAll("[data-timer]").forEach(function (el) {
      try {
        var state = JSON.parse(el.getAttribute("data-timer"));
        if (state.now) clockOffset = state.now - Date.now();
        el._timer = state;
      } catch (e) { el._timer = {}; }
    });
  }

  function tick() {
    document.querySelectorAll("[data-timer]").forEach(function (el) {
      var state = el._timer || {};
      var text = el.querySelector(".timer__text");
      var left = null;
      if (state.running) left = Math.max(0, Math.round((state.ends_at - (Date.now() + clockOffset)) / 1000));
      else if (typeof state.remaining === "number") left = state.remaining;
      el.classList.toggle("timer--idle", left === null);
      el.classList.toggle("timer--paused", !state.running && left !== null);
      el.classList.toggle("timer--done", left === 0);
      el.classList.toggle("timer--low", left !== null && left > 0 && left <= 10);
      if (text) text.textContent = left === null ? "" : Math.floor(left / 60) + ":" + pad(left % 60);
    });
  }

  /* ---- forms ---- */

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (e) { return ""; }
  }

  /* A press of STOP that did not reach the server (no connection, a busy server) is kept
     and sent again when the phone is back: on the stream's reconnect, when the browser
     says it is online, and every few seconds meanwhile. Sending it twice is harmless:
     the server counts one press per phone and stop. */
  var pressQueue = [];
  function pressFeedback(html, isText) {
    var feedback = document.querySelector("[data-stop-feedback]");
    if (!feedback) return;
    if (isText) feedback.textContent = html; else feedback.innerHTML = html;
  }
  function sendPress(press) {
    return fetch(press.action, {
      method: "POST", credentials: "same-origin", body: press.body,
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true",
                 "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) {
      if (r.status >= 500) return Promise.reject(r.status);
      return r.text().then(function (t) { pressFeedback(t); });
    }).catch(function () {
      if (pressQueue.indexOf(press) < 0) pressQueue.push(press);
      pressFeedback(root.dataset.pressQueued || root.dataset.sendError || "", true);
    });
  }
  function flushPresses() {
    var waiting = pressQueue.splice(0, pressQueue.length);
    waiting.forEach(sendPress);
  }
  window.addEventListener("online", flushPresses);
  window.setInterval(function () { if (pressQueue.length) flushPresses(); }, 3000);

  function prepare(scope) {
    // Fragments pushed live are rendered without a request; their plain forms still need
    // the CSRF token to work without htmx.
    scope.querySelectorAll("form[method=post]").forEach(function (form) {
      if (form.querySelector("input[name=csrfmiddlewaretoken]")) return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrfmiddlewaretoken";
      input.value = csrfToken();
      form.appendChild(input);
    });
    scope.querySelectorAll("[data-client-key]").forEach(function (input) {
      if (!input.value) input.value = newKey();
    });
    scope.querySelectorAll("[data-stop-form]").forEach(function (form) {
      if (form._bound) return;
      form._bound = true;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (navigator.vibrate) navigator.vibrate(60);
        form.classList.add("is-pressed");
        window.setTimeout(function () { form.classList.remove("is-pressed"); }, 400);
        sendPress({ action: form.action, body: new URLSearchParams(new FormData(form)).toString() });
      });
    });
    readTimers(scope);
    processHtmx(scope);
  }

  document.body.addEventListener("htmx:afterSwap", function (event) { prepare(event.target); });
  // The reply to an earlier click (say "Volgende") can arrive after the live stream already
  // showed the new phase and the facilitator started typing in it: it waits, like a
  // snapshot from the stream, instead of wiping what she typed.
  // The reply to the control she is still in, untouched since it sent (a card's group
  // menu, a group's name after Enter), is hers to see at once, and the focus goes back to
  // that control in the new snapshot. Anything typed since waits, as for a snapshot.
  var replyFocus = null, sentFrom = null, sentValue = null;
  document.body.addEventListener("htmx:beforeRequest", function () {
    sentFrom = document.activeElement;
    sentValue = sentFrom ? sentFrom.value : null;
  });
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (kind !== "control" || event.detail.target !== target || !event.detail.shouldSwap) return;
    var active = document.activeElement;
    var own = active === sentFrom && active.value === sentValue &&
      !!event.detail.elt && event.detail.elt.contains(active);
    // Her own reply is swapped even within the moment of the click that focused the field
    // (`pressing` lasts 50 ms after the pointer is up): a quick Enter lost its confirmation.
    if (!own && (editing() || pressing)) {
      // Only the view waits: the notice (out of band, outside the view) says at once what
      // her action did. Kept in the waiting reply, a snapshot from the stream that took its
      // place before it was shown would have dropped it.
      moveOutOfBand(parse(event.detail.serverResponse));
      pendingSnapshot = event.detail.serverResponse;
      event.detail.shouldSwap = false;
    } else {
      if (own) replyFocus = focusKey(document.activeElement);
      replyOpen = {};
      detailsKeys(target).forEach(function (d) { if (d.el.open) replyOpen[d.key] = true; });
    }
  });
  // The folds she opened stay open through a reply as through a snapshot.
  var replyOpen = null;
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target !== target || !replyOpen) return;
    var open = replyOpen;
    replyOpen = null;
    detailsKeys(target).forEach(function (d) { if (open[d.key]) d.el.open = true; });
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target !== target || !replyFocus) return;
    var key = replyFocus;
    replyFocus = null;
    refocus(key);
  });
  // A busy server (SQLite's lock held past its timeout) answers 503 with Retry-After and
  // stores nothing: the phone sends the same request again, a few times, before it gives
  // up. A form's client key makes a repeat that did get through harmless.
  var RETRIES = 4;
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr, elt = event.detail.elt;
    if (!xhr || xhr.status !== 503 || !elt || !window.htmx) return;
    elt._retries = (elt._retries || 0) + 1;
    if (elt._retries > RETRIES) { elt._retries = 0; return; }
    var wait = (parseInt(xhr.getResponseHeader("Retry-After"), 10) || 1) * 1000;
    var config = event.detail.requestConfig, values = {};
    // The values exactly as sent, the pressed button's name and value included.
    config.formData.forEach(function (value, key) {
      values[key] = key in values ? [].concat(values[key], value) : value;
    });
    window.setTimeout(function () {
      window.htmx.ajax(config.verb, config.path,
                       { source: elt, target: event.detail.target, values: values });
    }, wait + Math.random() * 1000);
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && event.detail.elt) event.detail.elt._retries = 0;
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    var slot = event.target.closest("#personal") || event.target;
    var note = document.createElement("p");
    note.className = "message message--error";
    note.setAttribute("role", "alert");
    note.textContent = root.dataset.sendError || "";
    slot.prepend(note);
  });
  document.body.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  /* ---- the stream ---- */

  function connect() {
    var source = new EventSource(root.dataset.liveStream);
    var dropped = false;
    source.onopen = function () {
      setStatus(true);
      // Back after a drop: the phase may not have changed, but a statement or story to act
      // on may have come in meanwhile, its nudge lost. A waiting phone asks again.
      if (dropped) {
        dropped = false;
        flushPresses();
        nudged();
      }
    };
    source.onerror = function () { dropped = true; setStatus(false); };
    source.addEventListener("phase", function (e) { applyPhase(e.data, e.lastEventId); setStatus(true); });
    source.addEventListener("snapshot", function (e) { applySnapshot(e.data); setStatus(true); });
    // Something new to act on: only a phone that is waiting for it asks again.
    source.addEventListener("nudge", nudged);
    return source;
  }

  moveOutOfBand(target);
  prepare(document);
  tick();
  window.setInterval(tick, 250);
  connect();
})();
