// On a new page, the first autosave creates the page and then points the form at its edit URL.
// A Publish, "Save schedule" or "Schedule to publish" clicked while that autosave is on its way
// would still post to the create URL and fail ("The slug is already in use"), leaving the
// autosaved draft behind. So such a submit waits for the autosave to finish, then is sent again,
// now to the page's edit URL. (On an existing page the wait is harmless and keeps the order.)
(() => {
  const form = document.getElementById("page-edit-form");
  if (!form || !form.dataset.controller || !form.dataset.controller.includes("w-autosave")) return;

  let autosaving = null;
  let finished = () => {};
  form.addEventListener("w-autosave:save", () => {
    autosaving ??= new Promise((resolve) => {
      finished = resolve;
    });
  });
  for (const outcome of ["w-autosave:success", "w-autosave:error"]) {
    form.addEventListener(outcome, () => {
      autosaving = null;
      finished();
    });
  }

  form.addEventListener(
    "submit",
    (event) => {
      if (!autosaving) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter;
      autosaving.then(() => {
        // The autosave may have redrawn the buttons: find the same one again by its name. A button
        // without a name ("Save schedule") saves a draft, as a submit without a button does.
        let button = submitter && form.contains(submitter) ? submitter : null;
        if (!button && submitter && submitter.name) {
          button = form.querySelector(`[type="submit"][name="${submitter.name}"]`);
        }
        if (button) {
          // Wagtail's progress spinner disabled the button when it was clicked, and a disabled
          // button is left out of the form's data: the Publish would arrive as a mere save.
          button.disabled = false;
        }
        form.requestSubmit(button || undefined);
      });
    },
    true,
  );
})();
