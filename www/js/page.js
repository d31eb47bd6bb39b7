// The page around the widgets, one mechanism for all of them: settings from
// and to the URL, embed mode (?widget=…), language and theme, presenter mode,
// keyboard shortcuts and their help, "Copy link", and telling an embedding
// page how tall we are. Each widget module returns a controller:
//   { name, root, kit, settings(), apply(settings), keys: { back, setLr, scaleLr } }
import { lang, setLang, t } from "./i18n.js";

const URL_WRITE_MS = 400; // the URL follows the state at most this often
const PRESENT_ZOOM = 1.7; // lines and type in presenter mode
const PRESETS = { 1: 0.03, 2: 0.1, 3: 0.3, 4: 1.5 };

/** Reads the URL, decides the look and embed mode; call before mounting widgets. */
export function prepare(wasm) {
  const parsed = wasm.parseSettings(location.search);
  const settings = parsed.settings;
  const embedded = settings.widget != null;
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  const look = {
    lang: settings.lang ?? (navigator.language?.toLowerCase().startsWith("zh") ? "zh" : "en"),
    theme: settings.theme ?? (prefersDark.matches ? "dark" : "light"),
    themeFromUrl: settings.theme != null,
    zoom: 1,
  };
  if (embedded) {
    document.documentElement.classList.add("embed");
    if (settings.compact) document.documentElement.classList.add("compact");
    // mse and cross-entropy are the loss widget showing one of its halves.
    const part = PARTS.has(settings.widget);
    const name = part ? "loss" : settings.widget;
    for (const root of document.querySelectorAll("[data-widget]")) {
      if (root.dataset.widget !== name) root.remove();
      else if (part) root.dataset.only = settings.widget;
    }
    closeSecondary();
  }
  return { settings, notices: parsed.notices, embedded, look, prefersDark };
}

/** This document, as the height messages name it: a frame that reloads is a new one. */
const DOC = Math.random().toString(36).slice(2);

/** The smallest share of its natural height a picture gives up to fit a frame. */
const FIT_MIN = 0.45;

/**
 * Shrinks the widget's pictures so the page fits the window (a fixed-height
 * iframe) without a scrollbar, each by its share of the overflow and to no
 * less than FIT_MIN of its natural height; `natural` puts them back (the host
 * grows the frame instead).
 */
function fitToFrame(natural) {
  // (A canvas without an aspect ratio follows its box — the race's loss chart
  // beside the map — and gives back nothing itself.)
  const canvases = [...document.querySelectorAll("[data-widget] canvas")].filter((c) => c.offsetParent && getComputedStyle(c).aspectRatio !== "auto");
  for (const c of canvases) c.style.maxHeight = "";
  if (natural) return;
  const full = canvases.map((c) => c.clientHeight);
  const heights = [...full];
  // Canvases side by side (the lab's panels) give back their height once,
  // not three times: measure again after each round.
  for (let round = 0; round < 4; round++) {
    const over = document.documentElement.scrollHeight - innerHeight;
    const total = heights.reduce((a, b) => a + b, 0);
    if (over <= 0 || total === 0) return;
    canvases.forEach((c, i) => {
      heights[i] = Math.floor(Math.max(full[i] * FIT_MIN, heights[i] - (over * heights[i]) / total - 1));
      c.style.maxHeight = `${heights[i]}px`;
    });
  }
}

/** `?widget=` names that show one half of the loss widget. */
const PARTS = new Set(["mse", "cross-entropy"]);

/**
 * In an embed, secondary material (long explanations, tables, pickers,
 * previews) starts closed: each `[data-secondary="key"]` goes into a
 * `<details>` whose summary is the text of `key`. Opening one grows the
 * widget (and, with embed.js, the frame).
 */
function closeSecondary() {
  for (const el of document.querySelectorAll("[data-secondary]")) {
    const details = document.createElement("details");
    details.className = "secondary";
    const summary = document.createElement("summary");
    summary.dataset.i18n = el.dataset.secondary;
    summary.textContent = t(el.dataset.secondary);
    el.replaceWith(details);
    details.append(summary, el);
  }
  for (const details of document.querySelectorAll("details.steps")) details.open = false;
}

/** Wires everything once the widgets are mounted. */
export function start(wasm, { settings, notices, embedded, look, prefersDark }, controllers) {
  let active = controllers[0] ?? null;
  let lastChanged = null;
  const button = (name) => document.querySelector(`[data-page="${name}"]`);

  function applyLook() {
    setLang(look.lang);
    document.documentElement.dataset.theme = look.theme;
    wasm.setLook(look.lang, look.theme, look.zoom);
    button("lang").textContent = t("page.lang");
    button("theme").textContent = t(look.theme === "dark" ? "page.light" : "page.dark");
    button("present").textContent = document.querySelector(".presenting") ? t("page.exit") : t("page.present");
    showNotices();
    for (const c of controllers) {
      c.kit.sync();
      c.kit.requestFrame();
    }
  }

  // Corrections to the URL, in the current language, as text (never HTML).
  let extraNotice = "";
  function showNotices() {
    const box = document.querySelector("[data-page-notice]");
    const lines = notices.map((n) => n[lang()]);
    if (extraNotice) lines.push(extraNotice);
    box.textContent = lines.join(" ");
    box.hidden = lines.length === 0;
  }

  // --- The URL follows the state (full page only: a sandboxed frame cannot rewrite it).
  let writeTimer = 0;
  function shareQuery() {
    const query = new URLSearchParams();
    if (embedded) query.set("widget", settings.widget);
    // A key two widgets share (w0, steps, speed) comes from the one changed last.
    const ordered = lastChanged ? [lastChanged, ...controllers.filter((c) => c !== lastChanged)] : controllers;
    for (const c of ordered) {
      for (const [key, value] of Object.entries(c.settings())) {
        if (value != null && !query.has(key)) query.set(key, String(value));
      }
    }
    // The landscape is a key the two widgets share, too: the bowl of the
    // widget changed last wins over the other's preset (the bowl is the default).
    if (query.get("landscape") === "bowl") query.delete("landscape");
    // A preset chosen last wins over the other widget's typed formula too.
    if (ordered[0]?.settings().landscape != null) query.delete("f");
    query.set("lang", look.lang);
    if (look.themeFromUrl || look.theme === "dark") query.set("theme", look.theme);
    return query.toString();
  }
  function scheduleUrl() {
    if (embedded) return;
    clearTimeout(writeTimer);
    writeTimer = setTimeout(() => {
      try {
        history.replaceState(null, "", `${location.pathname}?${shareQuery()}`);
      } catch {
        // An opaque-origin document may not rewrite its URL; the link button still works.
      }
    }, URL_WRITE_MS);
  }

  // --- Keys, acting on the widget last used, else the one most on screen.
  for (const c of controllers) {
    const use = () => (active = c);
    c.root.addEventListener("focusin", use);
    c.root.addEventListener("pointerdown", use);
    c.kit.onSync(() => {
      if (active === c) lastChanged = c;
      scheduleUrl();
    });
  }
  function target() {
    if (active && document.contains(active.root)) return active;
    let best = null;
    let bestArea = 0;
    for (const c of controllers) {
      const r = c.root.getBoundingClientRect();
      const area = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      if (area > bestArea) [best, bestArea] = [c, area];
    }
    return best;
  }
  const click = (c, name) => c.root.querySelector(`[data-control="${name}"]:not(:disabled)`)?.click();
  function stepSpeed(c, up) {
    const select = c.root.querySelector('[data-control="speed"]');
    if (!select) return;
    const i = Math.min(select.options.length - 1, Math.max(0, select.selectedIndex + (up ? 1 : -1)));
    if (i !== select.selectedIndex) {
      select.selectedIndex = i;
      select.dispatchEvent(new Event("change"));
    }
  }

  const help = document.querySelector("[data-help]");
  document.querySelector("[data-help-close]").addEventListener("click", () => help.close());

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const el = e.target;
    const typing = el.matches?.("input[type=number], input[type=text], textarea, select");
    const control = el.matches?.("button, input, select, summary, a");
    if (typing) return;
    if (help.open && e.key !== "?") return;
    const c = target();
    let handled = true;
    switch (e.key) {
      case "?":
        help.open ? help.close() : help.showModal();
        break;
      case "f":
      case "F":
        togglePresenter(c);
        break;
      case " ":
        if (control) return; // Space on a button presses that button
        if (c) {
          click(c, "play");
          click(c, "train"); // microgpt: train / pause
        }
        break;
      case "ArrowRight":
      case "PageDown":
        if (control && e.key === "ArrowRight" && el.matches("input")) return; // sliders use arrows
        if (c) {
          click(c, "step");
          click(c, "next");
        }
        break;
      case "ArrowLeft":
      case "PageUp":
        if (control && e.key === "ArrowLeft" && el.matches("input")) return;
        c?.keys.back?.();
        break;
      case "r":
      case "R":
        if (c) click(c, "reset");
        break;
      case "[":
        c?.keys.scaleLr?.(0.5);
        break;
      case "]":
        c?.keys.scaleLr?.(2);
        break;
      case "+":
      case "=":
        if (c) stepSpeed(c, true);
        break;
      case "-":
      case "_":
        if (c) stepSpeed(c, false);
        break;
      default:
        if (PRESETS[e.key] && c) c.keys.setLr?.(PRESETS[e.key]);
        else handled = false;
    }
    if (handled) e.preventDefault();
  });

  // --- Presenter mode: one widget fills the screen, large type, thick lines.
  function togglePresenter(c) {
    // Not inside a blog's frame: there presenter mode could only fill the
    // frame (the host decides its size, and a sandboxed frame may not go full
    // screen). A lecturer presents from the full page.
    if (embedded && window.parent !== window) return;
    const current = document.querySelector(".presenting");
    if (current) {
      current.classList.remove("presenting");
      document.documentElement.classList.remove("presenter");
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      look.zoom = 1;
    } else if (c) {
      c.root.classList.add("presenting");
      document.documentElement.classList.add("presenter");
      // Full screen where the browser allows it; the layout is full-window either way.
      c.root.requestFullscreen?.().catch(() => {});
      look.zoom = PRESENT_ZOOM;
      active = c;
    }
    applyLook();
  }
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement && document.querySelector(".presenting")) togglePresenter(null);
  });

  // --- The toolbar.
  button("lang").addEventListener("click", () => {
    look.lang = look.lang === "zh" ? "en" : "zh";
    applyLook();
    scheduleUrl();
  });
  button("theme").addEventListener("click", () => {
    look.theme = look.theme === "dark" ? "light" : "dark";
    look.themeFromUrl = true;
    applyLook();
    scheduleUrl();
  });
  prefersDark.addEventListener("change", (e) => {
    // A pinned theme stays; so does the host page's, once it has said one.
    if (look.themeFromUrl || look.themeFromHost) return;
    look.theme = e.matches ? "dark" : "light";
    applyLook();
  });
  button("present").addEventListener("click", () => togglePresenter(target()));
  button("help").addEventListener("click", () => help.showModal());
  button("copy").addEventListener("click", async () => {
    const link = `${location.origin}${location.pathname}?${shareQuery()}`;
    try {
      await navigator.clipboard.writeText(link);
      extraNotice = t("page.copied");
    } catch {
      extraNotice = `${t("page.copyfail")} ${link}`;
    }
    showNotices();
  });

  // --- Embedded: tell the host page our height, and fit the frame we are given.
  if (embedded && window.parent !== window) {
    // Whether the host runs embed.js, which grows the frame to our height.
    // Until it says so, the pictures shrink to fit the frame's own height, so
    // a fixed-height iframe shows no scrollbar.
    let hostSizes = false;
    let lastHeight = 0;
    const post = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== lastHeight) {
        lastHeight = height;
        window.parent.postMessage({ downhill: "height", widget: settings.widget, height, doc: DOC }, "*");
      }
    };
    const refit = () => {
      fitToFrame(hostSizes);
      post();
    };
    addEventListener("message", (event) => {
      const data = event.data;
      if (event.source !== window.parent || !data || typeof data !== "object" || data.downhill !== "host") return;
      if (!hostSizes) {
        hostSizes = true;
        lastHeight = 0;
        refit();
      }
      // The host's light or dark, unless the embed pinned ?theme=.
      if ((data.theme === "dark" || data.theme === "light") && !look.themeFromUrl) {
        look.themeFromHost = true;
        if (data.theme !== look.theme) {
          look.theme = data.theme;
          applyLook();
        }
      }
    });
    // Content that grows or shrinks after the first fit (a snapshot's text,
    // a font arriving) refits too; a fit that changes nothing fires nothing.
    new ResizeObserver(() => requestAnimationFrame(refit)).observe(document.documentElement);
    addEventListener("resize", refit);
    // Opening or closing secondary material changes what must fit.
    document.addEventListener("toggle", refit, true);
    requestAnimationFrame(refit);
  }

  applyLook();
  for (const c of controllers) c.apply(settings);
}
