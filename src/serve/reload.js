// Injected by `regionreport serve` into every HTML page it serves (never written to output/):
// reloads the page after a rebuild and shows build errors over the page until they are fixed.
(function () {
  var base = document.currentScript.getAttribute("data-base");
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "regionreport-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,24,.94);color:#fff;" +
        "font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;padding:2rem;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "regionreport: the last change could not be built\n\n" + text;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var events = new EventSource(base + "__regionreport/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problem", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("ok", hide);
})();
