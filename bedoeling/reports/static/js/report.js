// The page that waits for a PDF report: ask every two seconds whether it is ready; when it is
// (or when making it failed) load the report's own address again, which hands over the PDF
// (or says what went wrong). Without JavaScript the page's link does the same by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-report-status]");
  if (!box) return;
  var statusUrl = box.getAttribute("data-report-status");
  var again = box.getAttribute("data-report-again");
  var started = Date.now();
  var slow = box.querySelector("[data-report-slow]");

  function ask() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 404) return { status: "gone" };
        return response.ok ? response.json() : { status: "pending" };
      })
      .catch(function () { return { status: "pending" }; })  // a wifi hiccup: ask again
      .then(function (answer) {
        if (answer.status === "ready" || answer.status === "failed" || answer.status === "gone") {
          window.location.assign(again);
          return;
        }
        if (slow && Date.now() - started > 30000) slow.hidden = false;
        window.setTimeout(ask, 2000);
      });
  }
  window.setTimeout(ask, 1000);
})();
