// System world: show only the action fields of the chosen kind.
// Progressive: without JavaScript every field shows. (Copying a code: copy.js.)
(function () {
  "use strict";

  var kinds = document.querySelectorAll(".sw-kinds input[type=radio]");
  var groups = document.querySelectorAll("[data-kinds]");
  if (!kinds.length || !groups.length) return;
  function update() {
    var chosen = document.querySelector(".sw-kinds input[type=radio]:checked");
    var value = chosen ? chosen.value : "";
    groups.forEach(function (group) {
      var show = group.getAttribute("data-kinds").split(" ").indexOf(value) !== -1;
      // A group with an error stays visible, so the message is never hidden.
      group.hidden = !show && !group.querySelector(".errorlist");
    });
  }
  kinds.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
