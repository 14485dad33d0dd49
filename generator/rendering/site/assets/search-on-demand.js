/* The search on first use. The theme downloads the whole search index and starts its search
   worker (a script of 12 kB compressed, more than the page itself) as soon as any page
   opens: at 1,000 projects the index weighs more than the page, its charts and its scripts
   together, for the few readers who search. This script runs in the page's head, before the
   theme's own: the index request the theme makes is held back, and the search worker it
   starts is a stand-in that keeps what the theme tells it, until the reader moves towards
   the search (focus in the search field, a tap on the search button, the keyboard shortcut,
   or a page opened with a query); then the request is sent and the worker started as the
   theme made them, and the stand-in hands the worker what it kept. Everything else the
   theme requests or starts goes out untouched; without this script, search works as
   before. */
(function () {
  "use strict";

  // Material for MkDocs asks for search/search_index.json, Zensical for search.json.
  var INDEX = /\/search(?:\/search_index)?\.json(?:[?#]|$)/;
  // Both engines start their search worker from assets/javascripts/workers/search.*.js.
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var RealWorker = window.Worker;
  var held = [];
  var standIns = [];
  var wanted = /[?&]q=/.test(location.search);

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) {
      send.apply(request.xhr, request.args);
    });
    standIns.splice(0).forEach(function (standIn) { standIn.rmStart(); });
  }

  // What the theme does with its worker before the search is wanted: listeners added or
  // removed, `on…` handlers set, messages posted, or the worker ended. All of it is kept and
  // replayed, in order, on the real worker.
  function StandIn(args) {
    this.rmArgs = args;
    this.rmListeners = [];
    this.rmMessages = [];
    this.rmReal = null;
    this.rmEnded = false;
    this.onmessage = null;
    this.onmessageerror = null;
    this.onerror = null;
  }
  StandIn.prototype.addEventListener = function (type, listener, options) {
    if (this.rmReal) return this.rmReal.addEventListener(type, listener, options);
    this.rmListeners.push([type, listener, options]);
  };
  StandIn.prototype.removeEventListener = function (type, listener) {
    if (this.rmReal) return this.rmReal.removeEventListener.apply(this.rmReal, arguments);
    this.rmListeners = this.rmListeners.filter(function (entry) {
      return entry[0] !== type || entry[1] !== listener;
    });
  };
  StandIn.prototype.postMessage = function () {
    if (this.rmReal) return this.rmReal.postMessage.apply(this.rmReal, arguments);
    this.rmMessages.push(arguments);
  };
  StandIn.prototype.terminate = function () {
    this.rmEnded = true;
    if (this.rmReal) this.rmReal.terminate();
  };
  StandIn.prototype.rmStart = function () {
    if (this.rmEnded) return;
    var standIn = this;
    var real = new (Function.prototype.bind.apply(RealWorker, [null].concat(this.rmArgs)))();
    this.rmReal = real;
    // The theme may set a handler before or after the start: it is read at each event.
    ["message", "messageerror", "error"].forEach(function (type) {
      real["on" + type] = function (event) {
        var handler = standIn["on" + type];
        if (typeof handler === "function") return handler.call(standIn, event);
      };
    });
    this.rmListeners.splice(0).forEach(function (entry) {
      real.addEventListener(entry[0], entry[1], entry[2]);
    });
    this.rmMessages.splice(0).forEach(function (args) {
      real.postMessage.apply(real, args);
    });
  };

  if (typeof RealWorker === "function") {
    window.Worker = function (url) {
      var args = Array.prototype.slice.call(arguments);
      if (wanted || !SEARCH_WORKER.test(String(url))) {
        return new (Function.prototype.bind.apply(RealWorker, [null].concat(args)))();
      }
      var standIn = new StandIn(args);
      standIns.push(standIn);
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.rmHeldUrl = String(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!wanted && INDEX.test(this.rmHeldUrl || "")) {
      held.push({ xhr: this, args: arguments });
      return;
    }
    return send.apply(this, arguments);
  };

  function towardsSearch(event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("[data-md-component='search'], .md-search, label[for='__search']")
        || (target.id === "__search" && target.checked)) {
      release();
    }
  }
  document.addEventListener("focusin", towardsSearch, true);
  document.addEventListener("pointerdown", towardsSearch, true);
  document.addEventListener("change", towardsSearch, true);
  // The theme's shortcuts ("/", "s", "f") open the search from anywhere on the page.
  document.addEventListener("keydown", function (event) {
    if (!event.ctrlKey && !event.metaKey && !event.altKey && /^[/sf]$/.test(event.key)) {
      release();
    }
  }, true);
})();
