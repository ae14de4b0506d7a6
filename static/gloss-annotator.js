// <gloss-annotator>: gloss as a custom element for any page (a CMS article, a newsroom tool).
// One classic script tag; the bundle's other files (gloss-app.js and .wasm, the worker, the
// stylesheets) are loaded from this script's folder. CSP-safe: no eval, no inline script or
// style; the UI and its stylesheets live in an open shadow root, so page styles do not reach
// in and gloss's styles do not leak out. Types: gloss-annotator.d.ts. All the work is in Rust
// (src/embed): this file only defines the element and forwards calls.
(function () {
  "use strict";
  if (!window.customElements || customElements.get("gloss-annotator")) {
    return;
  }
  var script = document.currentScript;
  var BASE = new URL(".", (script && script.src) || document.baseURI).href;
  // It @imports the app's stylesheets (gloss.css, graph.css, edit.css) from the same folder.
  var STYLESHEET = "gloss-embed.css";
  var bundle = null;

  // The page bundle, fetched and started once for every element on the page.
  function loadBundle() {
    if (!bundle) {
      bundle = import(BASE + "gloss-app.js").then(function (mod) {
        return mod.default({ module_or_path: BASE + "gloss-app_bg.wasm" }).then(function () {
          return mod;
        });
      });
    }
    return bundle;
  }

  function stylesheet(root, name) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = BASE + name;
    var loaded = new Promise(function (resolve) {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    });
    root.appendChild(link);
    return loaded;
  }

  class GlossAnnotator extends HTMLElement {
    constructor() {
      super();
      var self = this;
      this._api = null;
      this._started = false;
      this._ready = new Promise(function (resolve, reject) {
        self._resolveReady = resolve;
        self._rejectReady = reject;
      });
      // A failed start is reported by the event and by the methods, not as an unhandled rejection.
      this._ready.catch(function () {});
      this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
      if (this._started) {
        return;
      }
      this._started = true;
      this._start();
    }

    // Taken off the page: unmount the app (its worker, listeners and memory go with it); put
    // back, the element mounts afresh.
    disconnectedCallback() {
      if (this._api) {
        this._api.destroy();
        this._api = null;
      }
      this._started = false;
      while (this.shadowRoot.firstChild) {
        this.shadowRoot.removeChild(this.shadowRoot.firstChild);
      }
    }

    _emit(name, detail) {
      this.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: true, composed: true }));
    }

    _start() {
      var self = this;
      var root = this.shadowRoot;
      var box = document.createElement("div");
      box.className = "gloss-embed";
      box.hidden = true; // until its stylesheets are in
      var sheet = stylesheet(root, STYLESHEET);
      root.appendChild(box);
      sheet
        .then(function () {
          box.hidden = false;
          return loadBundle();
        })
        .then(function (mod) {
          var readonly = self.hasAttribute("readonly");
          self._api = mod.mountAnnotator(box, {
            emit: function (name, detail) {
              self._emit(name, detail);
            },
            readonly: readonly,
            pasteBox: !readonly && !self.hasAttribute("for"),
            assetBase: BASE,
          });
          self._resolveReady(self);
          self._emit("gloss:ready", { version: 1 });
          self._annotateHost();
        })
        .catch(function (e) {
          self._rejectReady(e);
          self._emit("gloss:error", { message: String((e && e.message) || e) });
        });
    }

    // With `for`, annotate the HTML of that element of the page (read as text, never run).
    _annotateHost() {
      var selector = this.getAttribute("for");
      if (!selector) {
        return;
      }
      var self = this;
      var source = null;
      try {
        source = document.querySelector(selector);
      } catch (e) {
        source = null;
      }
      if (!source) {
        this._emit("gloss:error", { message: "gloss-annotator: no element matches for=\"" + selector + "\"" });
        return;
      }
      this._api.annotate(source.innerHTML, location.pathname).catch(function (e) {
        self._emit("gloss:error", { message: String((e && e.message) || e) });
      });
    }

    _need() {
      if (!this._api) {
        throw new Error("gloss-annotator is not ready yet: wait for gloss:ready or whenReady()");
      }
      return this._api;
    }

    /** Resolves with the element once its API can be called. */
    whenReady() {
      return this._ready;
    }

    /** Annotate an article (HTML or plain text); resolves with the contract shown. */
    annotate(htmlOrText, source) {
      return this._ready.then(function (self) {
        return self._api.annotate(htmlOrText, source);
      });
    }

    /** The contract shown (link metadata and corrections applied), or null. */
    getAnnotations() {
      return this._api ? this._api.getAnnotations() : null;
    }

    /** Apply editor corrections; returns {applied, unapplied}. */
    applyCorrections(list) {
      return this._need().applyCorrections(list);
    }

    /** Title, description and date of the article at `url`, shown in its link preview. */
    setLinkMetadata(url, metadata) {
      return this._need().setLinkMetadata(url, metadata);
    }

    /** The contract in an export format (json, jsonld, webannotation, conll, csv-entities, csv-relations). */
    exportAs(format) {
      return this._need().exportAs(format);
    }
  }

  customElements.define("gloss-annotator", GlossAnnotator);
})();
