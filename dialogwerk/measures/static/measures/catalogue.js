// Adds "select all" to the catalogue's bulk edit; without JavaScript each row has its own checkbox.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("bulk-form");
  if (!form) return;
  const boxes = form.querySelectorAll("input[name=measures]");
  const head = form.querySelector("thead th");
  if (!boxes.length || !head) return;
  const all = document.createElement("input");
  all.type = "checkbox";
  all.id = "select-all";
  all.setAttribute("aria-label", form.dataset.selectAll || head.textContent.trim());
  all.addEventListener("change", () => boxes.forEach((box) => { box.checked = all.checked; }));
  head.appendChild(all);
});
