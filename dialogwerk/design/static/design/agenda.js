// Drag to reorder agenda items. Without JS the up/down buttons do the same; this only posts a position.
(function () {
  "use strict";
  var list = document.getElementById("agenda-list");
  if (!list) return;
  var items = list.querySelectorAll("li[data-move-url]");
  var dragged = null;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  items.forEach(function (item) {
    item.setAttribute("draggable", "true");
    item.classList.add("drag-handle");
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      item.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
    });
    item.addEventListener("dragend", function () {
      item.classList.remove("dragging");
      items.forEach(function (other) { other.classList.remove("drop-target"); });
    });
    item.addEventListener("dragover", function (event) {
      if (dragged && dragged !== item) { event.preventDefault(); item.classList.add("drop-target"); }
    });
    item.addEventListener("dragleave", function () { item.classList.remove("drop-target"); });
    item.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || dragged === item || !token) return;
      var form = document.createElement("form");
      form.method = "post";
      form.action = dragged.getAttribute("data-move-url");
      [["csrfmiddlewaretoken", token.value], ["position", item.getAttribute("data-position")]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    });
  });
})();
