// What every widget's DOM glue shares: reaching its hooks, turning rejected
// input into a notice, sizing canvases for the device pixel ratio, and one
// requestAnimationFrame loop that asks the Rust handle whether it needs more.

/**
 * Wires the common machinery of one widget root around a Rust `handle` that has
 * `tick(now)`, `draw(now, dpr)` and `animating(now)`. `sync()` copies the
 * handle's snapshot into the DOM; `canvases()` lists the canvases to keep sized.
 */
export function widgetKit(root, handle, { fail, sync, canvases, afterDraw }) {
  const $ = (selector) => root.querySelector(selector);
  const notice = $("[data-notice]");
  const listeners = [];
  let frameRequested = false;
  // Frames (and so the play clock) stop while the widget is scrolled out of
  // view or the tab is hidden, and resume where they were.
  let inView = true;
  const showing = () => inView && !document.hidden;

  function runSync() {
    sync();
    for (const listener of listeners) listener();
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
    for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  // Every call into Rust goes through here: a rejected input becomes a notice
  // on the page; anything else (a panic surfaces as a RuntimeError) is fatal.
  // Returns whether the call succeeded.
  function guard(action) {
    try {
      action();
      return true;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) fail(e.message);
      else showNotice(e.message ?? String(e));
      return false;
    }
  }

  function frame(now) {
    frameRequested = false;
    if (root.dataset.state === "failed" || !showing()) return;
    guard(() => {
      if (handle.tick(now)) runSync();
      let dpr = 1;
      for (const canvas of canvases()) dpr = fitCanvas(canvas);
      handle.draw(now, dpr);
      afterDraw?.();
    });
    if (root.dataset.state !== "failed" && handle.animating(now)) requestFrame();
  }

  function requestFrame() {
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(frame);
    }
  }

  // Input → core state → snapshot → draw. `field`, when given, is marked
  // invalid if the input was refused.
  function act(action, field) {
    if (root.dataset.state === "failed") return;
    if (guard(action)) hideNotice();
    else if (field) field.setAttribute("aria-invalid", "true");
    guard(runSync);
    requestFrame();
  }

  // Runs each action in turn: one that is refused (a link's start point the
  // landscape cannot take) is said in the notice afterwards, and the rest of
  // the link still applies.
  function each(actions) {
    let refused = null;
    for (const action of actions) {
      try {
        action();
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw e;
        refused ??= e;
      }
    }
    if (refused) throw refused;
  }

  function wake() {
    if (!showing()) return;
    guard(() => handle.resume(performance.now()));
    requestFrame();
  }

  const resize = new ResizeObserver(requestFrame);
  for (const canvas of canvases()) resize.observe(canvas);
  // A window moved between a laptop (ratio 2) and a projector (1) keeps its
  // CSS size: only the pixel ratio says the backing store must change.
  onRatioChange.add(requestFrame);
  new IntersectionObserver((entries) => {
    inView = entries.some((e) => e.isIntersecting);
    wake();
  }).observe(root);
  document.addEventListener("visibilitychange", wake);

  return {
    $,
    control: (name, scope = root) => scope.querySelector(`[data-control="${name}"]`),
    act,
    each,
    guard,
    requestFrame,
    /** Copies the snapshot into the DOM and tells the listeners. */
    sync: () => guard(runSync),
    /** Calls `listener` after every sync (the page writes the URL from it). */
    onSync: (listener) => listeners.push(listener),
    showNotice,
    now: () => performance.now(),
  };
}

const RATIO_POLL_MS = 500; // how often the pixel ratio is compared, as a fallback
const onRatioChange = new Set();
let lastRatio = window.devicePixelRatio;
function ratioChanged() {
  if (window.devicePixelRatio === lastRatio) return;
  lastRatio = window.devicePixelRatio;
  for (const callback of onRatioChange) callback();
}
// Browsers announce a new ratio through the resolution media query; where one
// does not (and under DevTools' device emulation), a cheap comparison twice a
// second notices it all the same.
function watchRatio() {
  matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
    "change",
    () => {
      ratioChanged();
      watchRatio();
    },
    { once: true },
  );
}
watchRatio();
setInterval(ratioChanged, RATIO_POLL_MS);

/** Keeps a canvas's backing store at CSS size × devicePixelRatio; returns the ratio. */
export function fitCanvas(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const height = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return dpr;
}

/** Follows `prefers-reduced-motion` on a handle with `setReducedMotion`. */
export function followReducedMotion(handle) {
  const query = window.matchMedia("(prefers-reduced-motion: reduce)");
  handle.setReducedMotion(query.matches);
  query.addEventListener("change", (e) => handle.setReducedMotion(e.matches));
}

/** Writes a readout's printed text and its full-precision `data-value`. */
export function setReadout(el, text, value) {
  if (el.textContent !== text) el.textContent = text;
  // (Only a change is written: an attribute write invalidates style.)
  const v = String(value);
  if (el.dataset.value !== v) el.dataset.value = v;
}

/** Shows or hides a badge with a given text and kind (`diverging` / `diverged`). */
export function setBadge(badge, kind, text) {
  badge.hidden = !kind;
  if (kind) {
    badge.textContent = text;
    badge.className = `badge ${kind}`;
  }
}

const ARROWS = { ArrowRight: true, ArrowUp: true, ArrowLeft: false, ArrowDown: false };

/**
 * Arrow keys on an η slider step η to the next round value (0.9 → 0.91) via
 * the core's `nudgeLr`; Home, End and Page keys keep the slider's own steps.
 */
export function nudgeOnArrows(slider, wasm, currentLr, apply) {
  slider.addEventListener("keydown", (e) => {
    const up = ARROWS[e.key];
    if (up === undefined) return;
    e.preventDefault();
    apply(wasm.nudgeLr(currentLr(), up));
  });
}
