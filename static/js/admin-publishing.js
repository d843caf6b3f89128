/* The Publish button says "Schedule" while the publication time lies ahead.
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

  document.addEventListener("DOMContentLoaded", function () {
    var found = window.newsroomEditing && window.newsroomEditing.articleForm();
    if (!found) return;
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
