/* The Publish button says "Schedule" while the publication time lies ahead, and the
 * settings under the writing fold away under their headings.
 *
 * The time is typed in the newsroom's time zone; the page gives its offset from UTC
 * (article-editing-config.utc_offset_minutes), so the browser's own zone does not matter.
 */
(function () {
  "use strict";

  function chosenTime(config) {
    var date = document.getElementById("id_published_at_0");
    var time = document.getElementById("id_published_at_1");
    if (!date || !date.value) return null;
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.value.trim());
    if (!parts) return null;
    var clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec((time && time.value.trim()) || "00:00");
    if (!clock) return null;
    var asUtc = Date.UTC(+parts[1], +parts[2] - 1, +parts[3], +clock[1], +clock[2], +(clock[3] || 0));
    return asUtc - config.utc_offset_minutes * 60000;
  }

  /* Every group of settings below the writing folds away under its heading (open at first). */
  function foldableSettings(form) {
    var headings = form.querySelectorAll("fieldset.module > h2");
    Array.prototype.forEach.call(headings, function (heading, index) {
      var fieldset = heading.parentNode;
      if (fieldset.querySelector("details") || (index === 0 && !heading.textContent.trim())) return;
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "fieldset-toggle";
      toggle.setAttribute("aria-expanded", "true");
      while (heading.firstChild) toggle.appendChild(heading.firstChild);
      heading.appendChild(toggle);
      toggle.addEventListener("click", function () {
        var folded = fieldset.classList.toggle("is-folded");
        toggle.setAttribute("aria-expanded", String(!folded));
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var found = window.newsroomEditing && window.newsroomEditing.articleForm();
    if (!found) return;
    foldableSettings(found.form);
    var button = found.form.querySelector("button[data-schedule-label]");
    if (!button) return;
    function update() {
      var at = chosenTime(found.config);
      var ahead = at !== null && at > Date.now();
      button.textContent = ahead ? button.dataset.scheduleLabel : button.dataset.publishLabel;
    }
    found.form.addEventListener("input", update);
    found.form.addEventListener("change", update);
    document.addEventListener("click", function () { setTimeout(update, 0); });  // the admin's "Now" and "Today"
    update();
  });
})();
