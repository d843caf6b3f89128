/* Nothing typed in an admin form is lost by leaving the page.
 *
 * - Before leaving a form with changes that are not saved, the browser asks
 *   (not after a save: submitting the form clears the flag).
 * - The "view" icon beside a related field (lead photo, section, author, tag)
 *   opens the object in a new tab; Django's own link would replace the form.
 */
(function () {
  "use strict";

  function guard(form) {
    var changed = false;
    function markChanged(event) {
      if (event.target && event.target.name === "csrfmiddlewaretoken") return;
      // Filling the form from a saved draft is not typing (restoring an autosave says so itself).
      if (window.newsroomEditing && window.newsroomEditing.restoring) return;
      changed = true;
    }
    window.newsroomFormGuard = {markChanged: function () { changed = true; }};
    // Typing in CKEditor's editable area raises input events inside the form too.
    form.addEventListener("input", markChanged);
    form.addEventListener("change", markChanged);
    form.addEventListener("submit", function () { changed = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!changed) return undefined;
      event.preventDefault();
      event.returnValue = "";  // older browsers want a value to show the prompt
      return "";
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.view-related");
    if (!link) return;
    link.target = "_blank";
    link.rel = "noopener";
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("#content-main form[id$='_form']");
    if (form && !document.body.classList.contains("popup")) guard(form);
  });
})();
