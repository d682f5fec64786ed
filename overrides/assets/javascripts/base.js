/* What must run in the page's head, before Material's bundle and before the
   first paint, moved out of the page so that a Content-Security-Policy
   without 'unsafe-inline' lets it run (overrides/partials/javascripts/base.html
   loads it; the attributes of its <script> element give it the page's values).

   - Material's storage helpers, as its partials/javascripts/base.html defines
     them inline: __md_scope (where the site starts, data-scope), __md_hash,
     __md_get and __md_set. Its bundle and the palette script use them.
   - <html> is marked "js": what only scripts can work (the timeline's
     filters) is laid out from the first paint. Material sets the same class,
     but only once its bundle runs, after the page has been painted.
   - Material's language-selector code fetches a sitemap.xml beside every
     <link rel="alternate"> (mkdocs-material#6582), and takes over clicks on
     links below each. The hreflang links name pages, as search engines
     need, and no page's folder holds a sitemap: those look-ups are answered
     at once with an error, which Material takes as "no sitemap", so the
     reader's browser asks for no file that does not exist. Only this
     language's own sitemap (data-sitemap, which instant navigation reads)
     goes through. The language switcher's links carry target="_self", which
     Material's code leaves alone. material_internals.py lists this with the
     rest. */
(function (script) {
  "use strict";
  var data = script.dataset;

  window.__md_scope = new URL(data.scope, location);
  window.__md_hash = (value) => [...value].reduce((hash, character) => (hash << 5) - hash + character.charCodeAt(0), 0);
  window.__md_get = (key, storage = localStorage, scope = __md_scope) =>
    JSON.parse(storage.getItem(scope.pathname + "." + key));
  window.__md_set = (key, value, storage = localStorage, scope = __md_scope) => {
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* private browsing, or storage full: the preference is not kept */
    }
  };

  document.documentElement.classList.add("js");

  var keep = String(new URL(data.sitemap, location.href));
  var request = XMLHttpRequest.prototype, open = request.open, send = request.send;
  request.open = function (method, url) {
    this.__guarded = /\/sitemap\.xml$/.test(url) && String(new URL(url, location.href)) !== keep;
    return open.apply(this, arguments);
  };
  request.send = function () {
    if (!this.__guarded) return send.apply(this, arguments);
    var self = this;
    setTimeout(function () { self.dispatchEvent(new ProgressEvent("error")); });
  };
})(document.currentScript);
