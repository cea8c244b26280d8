// Drag and drop on the bundling board. Every card also has a "move to cluster" field and button, which is
// what a drop uses: the drop only fills in the field and submits that form, so both ways do the same.
document.addEventListener("DOMContentLoaded", () => {
  let dragged = null;
  document.querySelectorAll(".bundle-card[draggable=true]").forEach((card) => {
    card.addEventListener("dragstart", (event) => {
      dragged = card;
      card.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.cardId);
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("dragging");
      dragged = null;
    });
  });
  document.querySelectorAll(".drop-zone").forEach((zone) => {
    zone.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      zone.classList.add("drop-target");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("drop-target"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("drop-target");
      if (!dragged) return;
      const form = dragged.querySelector("form.card-move");
      const select = form && form.querySelector("[name=cluster]");
      if (!select || select.value === zone.dataset.clusterId) return;
      select.value = zone.dataset.clusterId;
      form.requestSubmit();
    });
  });
});
