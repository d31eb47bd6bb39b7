// Downhill's helper for the page that hosts Downhill iframes (a blog post).
// Include it once per page: <script src="…/downhill/embed/embed.js" defer></script>
//
// - Every Downhill frame (an iframe whose address is under the folder this
//   script comes from, or one the page marks with data-downhill, say when
//   this script is kept elsewhere) tells its host how tall its content is;
//   this grows that iframe to fit, so it never scrolls.
// - It tells each such frame the host's light or dark theme, and again
//   whenever the host switches (PaperMod's data-theme on <html>, a "dark"
//   class, or color-scheme), frames scrolled out of view included. A frame
//   whose URL pins ?theme= keeps its own.
// Other iframes on the page (ads, videos, comments) are left alone: they are
// neither resized nor spoken to.
(() => {
  const MIN_HEIGHT = 120;
  const MAX_HEIGHT = 6000;
  // Downhill lives one folder above this script (…/downhill/embed/embed.js).
  const here = document.currentScript?.src;
  const base = here ? new URL("..", here).href : null;
  const ours = (frame) => base === null || frame.src.startsWith(base) || frame.hasAttribute("data-downhill");
  const greeted = new WeakMap(); // frame window → the document greeted in it
  let sawClass = false;

  // The host's theme, or null when it has never said one (the frame then
  // follows the reader's system setting, as such a host does).
  function hostTheme() {
    const html = document.documentElement;
    let dark = false;
    for (const el of [html, document.body]) {
      if (!el) continue;
      const said = el.dataset.theme ?? el.dataset.colorScheme ?? el.dataset.bsTheme;
      if (said === "dark" || said === "light") return said;
      if (/(^|\s)(dark|dark-mode|theme-dark)(\s|$)/.test(el.className)) dark = true;
    }
    if (dark) {
      sawClass = true;
      return "dark";
    }
    const scheme = getComputedStyle(html).colorScheme.trim();
    if (scheme === "dark" || scheme === "light") return scheme;
    // A blog that marks dark with a class is light without it.
    return sawClass ? "light" : null;
  }

  const hello = (win) => win.postMessage({ downhill: "host", theme: hostTheme() }, "*");

  addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.downhill !== "height") return;
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(Number(data.height) || 0)));
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow !== event.source || !ours(frame)) continue;
      frame.style.height = `${height}px`;
      // Once per document in the frame: a frame that reloads is greeted again.
      if (greeted.get(event.source) !== data.doc) {
        greeted.set(event.source, data.doc);
        hello(event.source);
      }
    }
  });

  // Frames that spoke before this script ran: greet ours now; each answers
  // with its height.
  for (const frame of document.querySelectorAll("iframe")) if (ours(frame) && frame.contentWindow) hello(frame.contentWindow);

  let last = hostTheme();
  const follow = () => {
    const theme = hostTheme();
    if (theme === last) return;
    last = theme;
    for (const frame of document.querySelectorAll("iframe")) if (ours(frame) && frame.contentWindow) hello(frame.contentWindow);
  };
  const watch = new MutationObserver(follow);
  const attributes = { attributes: true, attributeFilter: ["class", "style", "data-theme", "data-color-scheme", "data-bs-theme"] };
  watch.observe(document.documentElement, attributes);
  if (document.body) watch.observe(document.body, attributes);
  else addEventListener("DOMContentLoaded", () => watch.observe(document.body, attributes));
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", follow);
})();
