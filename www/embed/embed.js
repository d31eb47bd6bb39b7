// Downhill embed helper for the page that hosts Downhill iframes (a blog post).
// Each Downhill frame tells its host how tall its content is; this grows the
// matching <iframe data-downhill> to fit, so the frame never needs a scrollbar.
// Include it once per page: <script src="…/downhill/embed/embed.js" defer></script>
(() => {
  const MIN_HEIGHT = 200;
  const MAX_HEIGHT = 6000;
  addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.downhill !== "height") return;
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(Number(data.height) || 0)));
    for (const frame of document.querySelectorAll("iframe[data-downhill]")) {
      // Only the frame the message came from, whatever else the page embeds.
      if (frame.contentWindow === event.source) frame.style.height = `${height}px`;
    }
  });
})();
