/* What the article form's background scripts share (admin-autosave.js, admin-presence.js). */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    var index = 0;
    return format.replace(/%s/g, function () { return String(values[index++]); });
  };

  /* One key per browser tab and form address; reloading the tab keeps it. */
  function tabKey() {
    var name = "newsroom-tab:" + location.pathname;
    var key = sessionStorage.getItem(name);
    if (!key) {
      key = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
        : String(Date.now()) + Math.random().toString(16).slice(2);
      sessionStorage.setItem(name, key);
    }
    return key;
  }

  /* The form's settings from the page, or null when this is not an article form. */
  function articleForm() {
    var config = document.getElementById("article-editing-config");
    var form = document.getElementById("article_form");
    if (!config || !form || document.body.classList.contains("popup")) return null;
    return {form: form, config: JSON.parse(config.textContent)};
  }

  function formBody(form, fields) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    return body;
  }

  window.newsroomEditing = {
    gettext: gettext, interpolate: interpolate, tabKey: tabKey, articleForm: articleForm, formBody: formBody
  };
})();
