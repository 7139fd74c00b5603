// Wagtail reopens, on each editor page, the side panel last opened (kept in the browser's storage).
// wagtail-localize's translation editor asks for its panels not to be reopened there, as they cover
// its segments' Edit buttons, but Wagtail 8's own header adds a second set of panels above it,
// unmarked, and that is the set Wagtail reads. Mark it the same way, before Wagtail reads it when
// the document has loaded. (See docs/editor-admin-notes.md.)
(() => {
  if (!document.querySelector(".js-translation-editor")) return;
  for (const panels of document.querySelectorAll("[data-form-side]")) {
    panels.dataset.formSideExplorer = "";
  }
})();
