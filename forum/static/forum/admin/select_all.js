// The header checkbox of the Forum posts listing ticks or clears every post on the page. The
// listing's rows are replaced when a filter changes, so the click is handled on the document.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  const name = all.dataset.selectAll;
  for (const box of document.querySelectorAll(`input[type=checkbox][name="${name}"][form="${all.form.id}"]`)) {
    box.checked = all.checked;
  }
});
