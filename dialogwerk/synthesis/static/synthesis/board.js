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

// New suggestions are computed by the task worker: ask until they are, then offer them with a link (the
// board is not reloaded by itself, so nothing typed into it is lost). Without JavaScript, reloading does it.
document.addEventListener("DOMContentLoaded", () => {
  const state = document.querySelector("[data-suggestions-state]");
  if (!state) return;
  const ask = (delay) => {
    fetch(state.dataset.suggestionsState, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data && data.ready) {
          state.querySelector("[data-pending]").hidden = true;
          state.querySelector("[data-ready]").hidden = false;
          return;
        }
        window.setTimeout(() => ask(Math.min(delay * 1.5, 10000)), delay);
      })
      .catch(() => window.setTimeout(() => ask(10000), 10000));
  };
  ask(1000);
});
