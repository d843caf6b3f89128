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

  var SKIPPED = /^(csrfmiddlewaretoken|version|autosave_tab|pending_saved_at|workflow_note|_action|_save|_continue|_addanother)$/;

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIPPED.test(el.name) && el.name.indexOf("__prefix__") === -1 &&
        el.type !== "file" && el.type !== "submit" && el.type !== "button";
    });
  }

  /* The form as [name, value, label] rows; the label names a select's choice. */
  function serialize(form) {
    var rows = [];
    fields(form).forEach(function (el) {
      if (el.disabled) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.selectedOptions, function (option) {
          rows.push([el.name, option.value, option.text]);
        });
        return;
      }
      var editor = window.editors && window.editors[el.id];
      rows.push([el.name, editor ? editor.getData() : el.value, ""]);
    });
    return rows;
  }

  /* Put autosaved rows back into the form, adding inline rows where there were more. */
  function restore(form, rows) {
    var byName = {};
    rows.forEach(function (row) { (byName[row[0]] = byName[row[0]] || []).push(row); });
    Object.keys(byName).forEach(function (name) {
      var match = /^(.*)-TOTAL_FORMS$/.exec(name);
      if (!match) return;
      var total = form.elements[name];
      var add = document.querySelector("#" + CSS.escape(match[1]) + "-group .add-row a");
      var wanted = parseInt(byName[name][0][1], 10) || 0;
      for (var guard = 0; total && add && parseInt(total.value, 10) < wanted && guard < 100; guard++) add.click();
    });
    fields(form).forEach(function (el) {
      if (el.type === "hidden") return;  // ids and counts: the form's own
      var saved = byName[el.name] || [];
      var values = saved.map(function (row) { return row[1]; });
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT") {
        saved.forEach(function (row) {
          var exists = Array.prototype.some.call(el.options, function (o) { return o.value === row[1]; });
          if (!exists) el.add(new Option(row[2] || row[1], row[1]));
        });
        Array.prototype.forEach.call(el.options, function (option) {
          option.selected = values.indexOf(option.value) !== -1;
        });
        if (window.django && django.jQuery) django.jQuery(el).trigger("change");
      } else {
        var editor = window.editors && window.editors[el.id];
        var value = values.length ? values[0] : "";
        if (editor) editor.setData(value);
        el.value = value;
      }
      el.dispatchEvent(new Event("input", {bubbles: true}));
    });
  }

  /* Run ``callback`` once the form's CKEditors exist (they start asynchronously), or after 5 s. */
  function whenEditorsReady(form, callback) {
    var ids = Array.prototype.map.call(form.querySelectorAll("textarea.django_ckeditor_5"), function (el) {
      return el.id;
    }).filter(function (id) { return id.indexOf("__prefix__") === -1; });
    var started = Date.now();
    (function wait() {
      var ready = ids.every(function (id) { return window.editors && window.editors[id]; });
      if (ready || Date.now() - started > 5000) callback();
      else setTimeout(wait, 50);
    })();
  }

  /* Fill the form with rows without it counting as typing (no autosave of them). */
  function quietly(work) {
    window.newsroomEditing.restoring = true;
    try { work(); } finally { window.newsroomEditing.restoring = false; }
  }

  window.newsroomEditing = {
    serialize: serialize, restore: restore, quietly: quietly, whenEditorsReady: whenEditorsReady, restoring: false,
    gettext: gettext, interpolate: interpolate, tabKey: tabKey, articleForm: articleForm, formBody: formBody
  };
})();
