// Downhill's helper for the page that hosts Downhill iframes (a blog post).
// Include it once per page: <script src="…/downhill/embed/embed.js" defer></script>
//
// - Every Downhill frame tells its host how tall its content is; this grows
//   that iframe (any iframe: matched by the window the message came from, with
//   or without data-downhill) to fit, so it never shows a scrollbar.
// - It tells each frame the host's light or dark theme, and again whenever the
//   host switches (PaperMod's data-theme on <html>, a "dark" class, or only
//   color-scheme), frames scrolled out of view included. A frame whose URL
//   pins ?theme= keeps its own.
// It reads nothing from the frames but those messages, and they never touch this page.
(() => {
  const MIN_HEIGHT = 120;
  const MAX_HEIGHT = 6000;
  const frames = new Set(); // windows of the Downhill frames that have spoken

  // The host's theme, or null when it says nothing (the frame then follows
  // the reader's system setting, as the host does).
  function hostTheme() {
    const html = document.documentElement;
    for (const el of [html, document.body]) {
      if (!el) continue;
      const said = el.dataset.theme ?? el.dataset.colorScheme ?? el.dataset.bsTheme;
      if (said === "dark" || said === "light") return said;
      if (/(^|\s)(dark|dark-mode|theme-dark)(\s|$)/.test(el.className)) return "dark";
    }
    const scheme = getComputedStyle(html).colorScheme.trim();
    return scheme === "dark" || scheme === "light" ? scheme : null;
  }

  const hello = (win) => win.postMessage({ downhill: "host", theme: hostTheme() }, "*");

  addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.downhill !== "height") return;
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(Number(data.height) || 0)));
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      frame.style.height = `${height}px`;
      if (!frames.has(event.source)) {
        frames.add(event.source);
        hello(event.source);
      }
    }
  });

  // Frames that spoke before this script ran: greet them all; a Downhill
  // frame answers with its height (others ignore the message).
  for (const frame of document.querySelectorAll("iframe")) if (frame.contentWindow) hello(frame.contentWindow);

  let last = hostTheme();
  const follow = () => {
    const theme = hostTheme();
    if (theme === last) return;
    last = theme;
    for (const win of frames) hello(win);
  };
  const watch = new MutationObserver(follow);
  const attributes = { attributes: true, attributeFilter: ["class", "style", "data-theme", "data-color-scheme", "data-bs-theme"] };
  watch.observe(document.documentElement, attributes);
  if (document.body) watch.observe(document.body, attributes);
  else addEventListener("DOMContentLoaded", () => watch.observe(document.body, attributes));
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", follow);
})();
