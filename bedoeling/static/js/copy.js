// "Code kopiëren": a button with data-copy="ID" copies the text of element ID.
// Delegated, so it works for parts swapped in later (a phone's receipt codes). Uses the
// Clipboard API where the page is a secure context, and otherwise (a laptop in the hall
// serving plain http on its local address) selects the text and copies the selection.
// Without JavaScript the buttons stay hidden.
(function () {
  "use strict";

  function reveal(root) {
    (root || document).querySelectorAll("[data-copy][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function copied(button) {
    button.textContent = button.getAttribute("data-copied") || button.textContent;
  }

  function fallback(source, button) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      if (document.execCommand("copy")) copied(button);
    } catch (e) { /* the text stays selected: the phone's own copy menu does the rest */ }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); },
                                               function () { fallback(source, button); });
    } else {
      fallback(source, button);
    }
  });

  reveal(document);
  document.addEventListener("htmx:afterSwap", function (event) { reveal(event.target); });
  // live.js swaps the phone's personal part itself, without htmx: watch for new buttons.
  new MutationObserver(function () { reveal(document); })
    .observe(document.body, { childList: true, subtree: true });
})();
