/* Autosave and recovery for the article form: nothing typed is lost.
 *
 * About 2 s after the last change, and at least every 15 s while typing, the whole
 * form is sent in the background (one request at a time) to the person's autosave
 * for this tab. That never touches the article: only Save does. When the server
 * cannot be reached, the form is kept in this browser (localStorage) and sent when
 * it can be. A status line says where the text is ("Saved 14:32", "Saving…",
 * "Offline — kept in this browser"), politely announced to screen readers.
 *
 * Opening the form with an autosave newer than the last save (from the server, or
 * kept in this browser) offers "Unsaved changes from 14:32 — Restore / Compare /
 * Discard".
 */
(function () {
  "use strict";

  var shared = window.newsroomEditing;
  var gettext = shared.gettext;
  var interpolate = shared.interpolate;
  var serialize = shared.serialize;
  var restore = shared.restore;

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  var utcOffsetMinutes = 0;  // the newsroom's, from the page: times read as the server writes them

  function clock(date) {
    var shifted = new Date(date.getTime() + utcOffsetMinutes * 60000);
    return String(shifted.getUTCHours()).padStart(2, "0") + ":" + String(shifted.getUTCMinutes()).padStart(2, "0");
  }

  function Autosave(form, config) {
    this.form = form;
    this.config = config;
    this.tab = shared.tabKey();
    this.storageKey = "newsroom-autosave:" + location.pathname;
    this.status = document.getElementById("autosave-status");
    this.dirty = false;
    this.inFlight = false;
    this.idleTimer = null;
    this.firstChangeAt = null;
    this.stopped = false;
  }

  Autosave.prototype.say = function (text) {
    if (this.status) this.status.textContent = text;
  };

  Autosave.prototype.changed = function () {
    if (this.stopped) return;
    var self = this;
    this.dirty = true;
    if (this.firstChangeAt === null) this.firstChangeAt = Date.now();
    clearTimeout(this.idleTimer);
    var waitedFor = Date.now() - this.firstChangeAt;
    var delay = Math.max(0, Math.min(this.config.idle_ms, this.config.max_wait_ms - waitedFor));
    this.idleTimer = setTimeout(function () { self.send(); }, delay);
  };

  Autosave.prototype.payload = function () {
    return {
      tab: this.tab,
      article: String(this.config.article || ""),
      base_version: String(this.config.base_version || ""),
      data: serialize(this.form),
      at: new Date().toISOString()
    };
  };

  Autosave.prototype.send = function (payload) {
    var self = this;
    if (this.stopped) return Promise.resolve(null);
    if (this.inFlight) { this.dirty = true; return Promise.resolve(null); }
    if (!payload) {
      payload = this.payload();
      this.dirty = false;
      this.firstChangeAt = null;
    }
    this.inFlight = true;
    this.say(gettext("Saving…"));
    var body = shared.formBody(this.form, {
      tab: payload.tab,
      article: payload.article,
      base_version: payload.base_version,
      data: JSON.stringify(payload.data)
    });
    return fetch(this.config.autosave_url, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (response) {
        if (response.status >= 500) throw new Error("server");
        return response.json().then(function (answer) { return {ok: response.ok, answer: answer}; });
      })
      .then(function (result) {
        self.inFlight = false;
        if (!result.ok) {
          self.stopped = true;
          self.say(interpolate(gettext("Not autosaved: %s"), [result.answer.error || ""]));
          return null;
        }
        localStorage.removeItem(self.storageKey);
        self.say(interpolate(gettext("Saved %s"), [clock(new Date(result.answer.saved_at))]) +
          " " + gettext("(autosave)"));
        if (self.dirty) self.changed();
        return result.answer;
      })
      .catch(function () {
        self.inFlight = false;
        try {
          localStorage.setItem(self.storageKey, JSON.stringify(payload));
          self.say(gettext("Offline — kept in this browser"));
        } catch (error) {
          self.say(gettext("Offline — not saved: keep this tab open"));
        }
        self.retryLater();
        return null;
      });
  };

  Autosave.prototype.retryLater = function () {
    var self = this;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(function () { self.flushLocal(); }, this.config.max_wait_ms);
  };

  /* Send what was kept in this browser while offline; answers the server's autosave. */
  Autosave.prototype.flushLocal = function () {
    var kept = this.kept();
    if (!kept) return Promise.resolve(null);
    if (this.dirty) return this.send();
    return this.send(kept);
  };

  Autosave.prototype.kept = function () {
    try {
      var kept = JSON.parse(localStorage.getItem(this.storageKey) || "null");
      if (kept && this.config.last_saved && kept.at < this.config.last_saved) {
        localStorage.removeItem(this.storageKey);  // saved for real since
        return null;
      }
      return kept;
    } catch (error) {
      return null;
    }
  };

  Autosave.prototype.offer = function (offer) {
    var self = this;
    var box = document.getElementById("autosave-offer");
    if (!box || !offer) return;
    box.querySelector(".autosave-offer-text").textContent =
      interpolate(gettext("Unsaved changes from %s"), [offer.time]) + (offer.local ? " " +
        gettext("(kept in this browser)") : "");
    var warning = box.querySelector(".autosave-offer-warning");
    warning.textContent = offer.newer_save || "";
    warning.hidden = !offer.newer_save;
    var compare = box.querySelector(".autosave-compare");
    compare.hidden = !offer.compare_url;
    if (offer.compare_url) compare.href = offer.compare_url;
    box.hidden = false;
    box.querySelector(".autosave-restore").onclick = function () {
      shared.quietly(function () { restore(self.form, offer.rows); });
      if (window.newsroomFormGuard) window.newsroomFormGuard.markChanged();
      box.hidden = true;
      self.say(interpolate(gettext("Restored the changes from %s — not saved yet"), [offer.time]));
      self.changed();
    };
    box.querySelector(".autosave-discard").onclick = function () {
      box.hidden = true;
      localStorage.removeItem(self.storageKey);
      if (!offer.discard_url) return;
      fetch(offer.discard_url, {method: "POST", body: shared.formBody(self.form, {}), credentials: "same-origin"});
      self.say(gettext("Discarded the unsaved changes"));
    };
  };

  Autosave.prototype.start = function () {
    var self = this;
    var form = this.form;
    form.addEventListener("input", function (event) {
      // Typing, or a widget that keeps a field for the typing (the tag tokens).
      var typed = event.isTrusted || typeof event.detail === "string";
      if (typed && !shared.restoring) self.changed();
    });
    form.addEventListener("change", function (event) {
      if (shared.restoring) return;
      if (event.isTrusted || (event.target && event.target.tagName === "SELECT")) self.changed();
    });
    form.addEventListener("submit", function () {
      self.stopped = true;
      clearTimeout(self.idleTimer);
      localStorage.removeItem(self.storageKey);
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "autosave_tab";
      input.value = self.tab;
      form.appendChild(input);
    });
    if (window.django && django.jQuery) {
      // Autocomplete fields (select2) announce their choice through jQuery only.
      django.jQuery(form).on("change", "select", function () { if (!shared.restoring) self.changed(); });
    }
    window.addEventListener("online", function () { self.flushLocal(); });

    // A draft of the live article continues where it was left: the form shows it.
    var pendingRows = readJSON("pending-changes-data");
    if (pendingRows) {
      shared.whenEditorsReady(form, function () {
        shared.quietly(function () { restore(form, pendingRows); });
      });
    }

    var kept = this.kept();
    var fromServer = readJSON("autosave-offer-data");
    if (kept && (!fromServer || kept.at > fromServer.saved_at)) {
      var offer = {rows: kept.data, time: clock(new Date(kept.at)), local: true};
      this.offer(offer);
      this.send(kept).then(function (answer) {
        if (!answer) return;
        offer.compare_url = answer.compare_url;
        offer.discard_url = answer.discard_url;
        self.offer(offer);
      });
    } else if (fromServer) {
      this.offer(fromServer);
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    var found = shared.articleForm();
    if (!found) return;
    utcOffsetMinutes = Number(found.config.utc_offset_minutes) || 0;
    var autosave = new Autosave(found.form, found.config);
    autosave.start();
    window.newsroomAutosave = autosave;
  });
})();
