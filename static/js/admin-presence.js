/* Who else has this article open, and whether they saved a newer version.
 *
 * A heartbeat every ~30 s tells the server this tab has the article open and
 * answers with the others who do ("Olena Shevchenko is editing this article") and
 * the article's current version: when someone else saved after this form was
 * opened, the form says so with a link to their changes, before this person
 * tries to save. Leaving the page says goodbye at once.
 *
 * After a refused save, "Save mine over theirs" saves this form on top of the
 * version it was shown beside.
 */
(function () {
  "use strict";

  var shared = window.newsroomEditing;
  var gettext = shared.gettext;
  var interpolate = shared.interpolate;

  function names(list) {
    if (list.length <= 1) return list.join("");
    return interpolate(gettext("%s and %s"), [list.slice(0, -1).join(", "), list[list.length - 1]]);
  }

  function Presence(form, config) {
    this.form = form;
    this.config = config;
    this.tab = shared.tabKey();
    this.line = document.getElementById("presence-status");
    var version = form.querySelector("input[name=version]");
    this.openedAt = Number(version ? version.value : config.base_version) || 0;
  }

  Presence.prototype.body = function (leaving) {
    return shared.formBody(this.form, leaving ? {tab: this.tab, leaving: "1"} : {tab: this.tab});
  };

  Presence.prototype.beat = function () {
    var self = this;
    return fetch(this.config.presence_url, {method: "POST", body: this.body(false), credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) { if (answer) self.show(answer); })
      .catch(function () { /* offline: the autosave line says so */ });
  };

  Presence.prototype.show = function (answer) {
    var line = this.line;
    line.textContent = "";
    if (answer.others.length) {
      line.appendChild(document.createTextNode(answer.others.length === 1
        ? interpolate(gettext("%s is editing this article."), [answer.others[0]])
        : interpolate(gettext("%s are editing this article."), [names(answer.others)])));
    }
    if (answer.version > this.openedAt && answer.saved_by_someone_else) {
      if (line.childNodes.length) line.appendChild(document.createTextNode(" "));
      var newer = document.createElement("strong");
      newer.className = "presence-newer";
      newer.textContent = interpolate(gettext("%s saved a newer version at %s"), [answer.saved_by, answer.saved_at]);
      line.appendChild(newer);
      line.appendChild(document.createTextNode(" — "));
      var link = document.createElement("a");
      link.href = answer.changes_url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = gettext("see changes");
      line.appendChild(link);
    }
    line.hidden = !line.childNodes.length;
  };

  Presence.prototype.start = function () {
    var self = this;
    this.beat();
    setInterval(function () { if (!document.hidden) self.beat(); }, this.config.presence_ms);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) self.beat(); });
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) navigator.sendBeacon(self.config.presence_url, self.body(true));
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var found = shared.articleForm();
    if (!found) return;
    var form = found.form, config = found.config;
    var overwrite = form.querySelector(".conflict-overwrite");
    if (overwrite) {
      overwrite.addEventListener("click", function () {
        form.querySelector("input[name=version]").value = overwrite.dataset.version;
      });
    }
    if (config.presence_url) new Presence(form, config).start();
  });
})();
