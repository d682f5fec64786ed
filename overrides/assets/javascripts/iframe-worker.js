/* A Worker for pages opened from disk (file:), where browsers refuse to
   start one: the offline copy's search worker runs in a hidden frame
   instead, and its messages are carried across (offline_copy.py loads this
   in the offline copy only). It does what iframe-worker does, the shim
   Material's offline plugin names and its search worker expects
   (window.IFrameWorker), with one difference: iframe-worker writes an
   inline script into its frame, which the site's Content-Security-Policy
   blocks, where this loads the frame's side from a file,
   workers/iframe-scope.js, which the policy allows. Material's worker finds
   its lunr files beside the first script of the frame, as it does under
   iframe-worker. */
(function (script) {
  "use strict";
  if (location.protocol !== "file:") return;
  const scope = new URL("workers/iframe-scope.js", script.src).href;

  /* Load a script into the frame, in order, as importScripts does. */
  const load = (frame, src) => new Promise((resolve, reject) => {
    const element = frame.document.createElement("script");
    element.src = src;
    element.onload = resolve;
    element.onerror = () => reject(new Error(`${src} did not load`));
    frame.document.body.append(element);
  });

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = String(new URL(url, location.href));
      this.iframe = document.createElement("iframe");
      this.iframe.hidden = true;
      document.body.append(this.iframe);
      this.receive = (event) => {
        if (event.source !== this.iframe.contentWindow) return;
        const message = new MessageEvent("message", {data: event.data});
        this.dispatchEvent(message);
        if (this.onmessage) this.onmessage(message);
      };
      window.addEventListener("message", this.receive);
      const frame = this.iframe.contentWindow;
      this.ready = load(frame, scope).then(() => load(frame, this.url)).catch((error) => {
        const failure = new ErrorEvent("error", {message: error.message, filename: this.url, error});
        this.dispatchEvent(failure);
        if (this.onerror) this.onerror(failure);
      });
    }

    postMessage(data) {
      this.ready.then(() => {
        const frame = this.iframe.contentWindow;
        frame.dispatchEvent(new frame.MessageEvent("message", {data: structuredClone(data)}));
      });
    }

    terminate() {
      window.removeEventListener("message", this.receive);
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})(document.currentScript);
