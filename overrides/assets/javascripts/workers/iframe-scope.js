/* The frame's side of iframe-worker.js: what a worker's script finds in a
   worker, here in the hidden frame that runs it on a page opened from disk.
   Its messages go to the page; importScripts loads scripts in order and
   resolves once they have run (Material's search worker awaits it). It sits
   in workers/ because Material's worker looks for its lunr files beside the
   frame's first script, one folder up from "/workers". */
(function () {
  "use strict";
  window.postMessage = (message) => parent.postMessage(message, "*");
  window.importScripts = (...urls) => urls.reduce((done, url) => done.then(() => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${url} did not load`));
    document.body.append(script);
  })), Promise.resolve());
})();
