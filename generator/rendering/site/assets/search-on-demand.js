/* The search index on first use. The theme downloads the whole search index as soon as any
   page opens: at 1,000 projects it weighs more than the page, its charts and its scripts
   together, for the few readers who search. This script runs in the page's head, before the
   theme's own: the index request the theme makes is held back until the reader moves
   towards the search (focus in the search field, a tap on the search button, the keyboard
   shortcut, or a page opened with a query), then sent as the theme made it. Everything else
   the theme requests goes out untouched; without this script, search works as before. */
(function () {
  "use strict";

  // Material for MkDocs asks for search/search_index.json, Zensical for search.json.
  var INDEX = /\/search(?:\/search_index)?\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]q=/.test(location.search);

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) {
      send.apply(request.xhr, request.args);
    });
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
