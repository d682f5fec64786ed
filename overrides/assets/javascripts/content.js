/* Material's partials/javascripts/content.html, which runs inline after the
   page's content, moved into a file so that a Content-Security-Policy
   without 'unsafe-inline' lets it run. Before the first paint: with the
   content.tabs.link feature (data-tabs-link), the tabs the reader last chose
   are opened again; an address whose #fragment names a content tab opens it.
   Loaded only by pages that have content tabs (pymdownx.tabbed). */
(function (script) {
  "use strict";
  var tabs = script.dataset.tabsLink !== undefined ? __md_get("__tabs") : null;
  if (Array.isArray(tabs)) {
    sets: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      for (var tab of tabs) {
        for (var label of labels.getElementsByTagName("label")) {
          if (label.innerText.trim() === tab) {
            document.getElementById(label.htmlFor).checked = true;
            continue sets;
          }
        }
      }
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})(document.currentScript);
