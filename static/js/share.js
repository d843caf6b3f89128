/* "Copy link" beside the share links: the article's address goes to the clipboard,
 * and the polite live region under the links says so. Without JavaScript the button
 * stays hidden; the links work on their own.
 */
(function () {
  "use strict";

  // Older browsers, and pages outside a secure context, have no Clipboard API.
  function copyBySelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    field.remove();
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyBySelection(text); }
      );
    }
    return Promise.resolve(copyBySelection(text));
  }

  function announce(status, message) {
    // Emptied first, so that a second click is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 100);
  }

  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    var status = button.closest(".share").querySelector(".share-status");
    button.closest("li").hidden = false;
    button.addEventListener("click", function () {
      copy(button.dataset.shareCopy).then(function (copied) {
        announce(status, copied ? button.dataset.copied : button.dataset.failed);
      });
    });
  });
})();
