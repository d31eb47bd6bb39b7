// PNG and GIF buttons on every widget (data-control="png" / "gif").
// PNG: the widget's main canvases as they are now, at the device pixel ratio.
// GIF: the run from t = 0 to now, replayed and drawn by the wasm module
// (GifFilm) on a detached canvas, encoded by a second, small wasm module that
// is fetched only when a reader first asks for a GIF (gif-encoder.js).
// The buttons sit in a corner of the main picture (the lab's at the end of
// its start row), so no embed grows for them. The result opens over the
// widget (a modal dialog, visible in a frame of any height), with a Download
// link: in a sandboxed frame without allow-downloads a download cannot start,
// and the reader can still save the picture there (right-click, long-press).
import { lang, t } from "./i18n.js";

// The main picture of each widget: canvases drawn side by side in a PNG.
const MAIN_CANVASES = {
  descent: "canvas",
  "lr-compare": ".panel canvas",
  loss: "canvas[data-mse], canvas[data-ce]",
  backprop: "canvas[data-graph]",
  microgpt: "canvas[data-chart]",
  optimizers: "canvas[data-view], canvas[data-chart]",
};
// Where the buttons go: a corner of the box around the main picture, the
// one the "diverging" badge (top right) leaves free; the lab's panels carry
// their titles at the top, so its buttons end its start row instead.
const CORNER = {
  descent: [".chart.stage", "left"],
  loss: [".loss-grid", "right"],
  backprop: [".chart.stage", "left"],
  microgpt: [".chart.stage", "left"],
  optimizers: [".chart.stage", "left"],
};
const PROGRESS_AFTER_MS = 500; // a GIF quicker than this shows no progress bar
const SLICE_MS = 30; // work per slice before the page gets a frame back

let encoderModule = null;
function loadEncoder() {
  encoderModule ??= import(new URL("../gif-encoder.js", import.meta.url).href)
    .then(async (m) => {
      await m.default({ module_or_path: new URL("../gif-encoder_bg.wasm", import.meta.url) });
      return m;
    })
    .catch((e) => {
      encoderModule = null; // the next GIF tries again
      throw e;
    });
  return encoderModule;
}

class Cancelled extends Error {}

/** Adds the PNG and GIF buttons to a mounted widget's controller `c`. */
export function addExport(c) {
  const { root } = c;
  const bar = document.createElement("div");
  bar.className = "export";
  bar.setAttribute("role", "group");
  const png = button("png", "PNG");
  const gif = button("gif", "GIF");
  gif.disabled = !c.recordGif;
  const status = document.createElement("span");
  status.className = "export-status";
  status.setAttribute("role", "status");
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.hidden = true;
  bar.append(png, gif, progress, status);
  const result = document.createElement("dialog");
  result.className = "export-result";
  const [where, side] = CORNER[c.name] ?? [];
  const corner = where && root.querySelector(where);
  if (corner) {
    corner.classList.add("has-export");
    bar.classList.add(side);
    corner.append(bar);
  } else {
    bar.classList.add("inline");
    (root.querySelector(".controls.start") ?? root.querySelector(".controls") ?? root).append(bar);
  }
  root.append(result);

  let busy = null; // { gif: boolean, cancelled: boolean } while a picture is made
  let opener = null;
  let shownUrl = null;

  // Words follow the page's language (the bar is made before it is set):
  // rewritten when the language or the busy state changes, not on every sync.
  let wordsFor = null;
  function words() {
    const now = `${lang()} ${busy?.gif ?? false}`;
    if (now === wordsFor) return;
    wordsFor = now;
    bar.setAttribute("aria-label", t("export.label"));
    png.title = t("export.png.title");
    gif.title = busy?.gif ? t("export.cancel.title") : t(c.recordGif ? "export.gif.title" : "export.gif.none");
    gif.textContent = busy?.gif ? t("export.cancel") : "GIF";
    progress.setAttribute("aria-label", t("export.progress"));
    result.setAttribute("aria-label", t("export.label"));
  }
  words();
  c.kit.onSync(words);

  result.addEventListener("close", () => {
    if (shownUrl) URL.revokeObjectURL(shownUrl);
    shownUrl = null;
    result.replaceChildren();
    if (root.dataset.export !== "failed") status.textContent = "";
    opener?.focus();
  });

  png.addEventListener("click", () =>
    run(png, false, async () => {
      const blob = await pngOf(mainCanvases(c));
      deliver(blob, `${fileStem(c)}.png`);
    }),
  );
  gif.addEventListener("click", () => {
    if (busy?.gif) {
      busy.cancelled = true;
      return;
    }
    const job = { gif: true, cancelled: false };
    run(gif, job, async () => {
      let said = -1;
      const blob = await gifOf(c, job, (p) => {
        progress.value = p;
        const tenth = Math.floor(p * 10);
        // Screen readers hear every tenth, not every slice.
        if (tenth !== said) {
          said = tenth;
          status.textContent = t("export.making", { p: Math.round(p * 100) });
        }
      });
      deliver(blob, `${fileStem(c)}.gif`);
    });
  });

  async function run(from, job, work) {
    if (busy) return;
    busy = job || { gif: false, cancelled: false };
    opener = from;
    root.dataset.export = "busy";
    bar.classList.add("busy");
    bar.classList.remove("failed");
    status.textContent = "";
    words();
    const slow = setTimeout(() => (progress.hidden = false), PROGRESS_AFTER_MS);
    try {
      await work();
      root.dataset.export = "done";
    } catch (e) {
      if (e instanceof Cancelled) {
        root.dataset.export = "cancelled";
        status.textContent = t("export.cancelled");
      } else {
        // Stays in sight until the next try: never a silent failure.
        root.dataset.export = "failed";
        bar.classList.add("failed");
        status.textContent = t("export.failed", { why: e?.message ?? String(e) });
      }
    } finally {
      clearTimeout(slow);
      bar.classList.remove("busy");
      progress.hidden = true;
      busy = null;
      words();
    }
  }

  function deliver(blob, name) {
    const url = URL.createObjectURL(blob);
    const img = document.createElement("img");
    img.src = url;
    img.alt = t("export.alt", { name });
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.dataset.control = "download";
    link.textContent = t("export.download", { name, kb: Math.max(1, Math.round(blob.size / 1024)) });
    const hint = document.createElement("span");
    hint.textContent = t("export.hint");
    const close = button("close-export", "×");
    close.title = t("help.close");
    close.setAttribute("aria-label", t("help.close"));
    close.addEventListener("click", () => result.close());
    const caption = document.createElement("p");
    caption.append(link, " ", hint);
    if (shownUrl) URL.revokeObjectURL(shownUrl);
    shownUrl = url;
    result.replaceChildren(close, img, caption);
    if (!result.open) result.showModal();
    status.textContent = t("export.ready", { name });
    // Only the page itself starts the download: a sandboxed frame may not be
    // allowed to, and the picture above is there to save either way.
    if (window.top === window) link.click();
  }
}

function button(control, text) {
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.control = control;
  b.textContent = text;
  return b;
}

function mainCanvases(c) {
  const all = [...c.root.querySelectorAll(MAIN_CANVASES[c.name] ?? "canvas")];
  const shown = all.filter((canvas) => canvas.width > 0 && canvas.getClientRects().length > 0);
  return shown.length ? shown : all.slice(0, 1);
}

function fileStem(c) {
  const step = c.settings?.().steps;
  return `downhill-${c.name}${step ? `-t${step}` : ""}`;
}

/** The canvases side by side, pixel for pixel, as a PNG blob. */
function pngOf(canvases) {
  let source = canvases[0];
  if (canvases.length > 1) {
    source = document.createElement("canvas");
    source.width = canvases.reduce((w, c) => w + c.width, 0);
    source.height = Math.max(...canvases.map((c) => c.height));
    const ctx = source.getContext("2d");
    let x = 0;
    for (const c of canvases) {
      ctx.drawImage(c, x, 0);
      x += c.width;
    }
  }
  return new Promise((resolve, reject) =>
    source.toBlob((b) => (b ? resolve(b) : reject(new Error(t("export.nocanvas")))), "image/png"),
  );
}

/** The widget's run from t = 0 as a GIF blob; `onProgress(0..1)` between slices. */
async function gifOf(c, job, onProgress) {
  const canvases = mainCanvases(c);
  const width = Math.max(1, Math.round(canvases.reduce((w, el) => w + el.clientWidth, 0)));
  const chart = Math.max(1, Math.round(Math.max(...canvases.map((el) => el.clientHeight))));
  const canvas = document.createElement("canvas");
  const film = c.recordGif(canvas);
  let encoder = null;
  try {
    const height = chart + film.titleBand();
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const pixels = () => ctx.getImageData(0, 0, width, height).data;
    film.drawFirst();
    const first = pixels();
    film.drawLast();
    const last = pixels();
    encoder = new (await loadEncoder()).GifEncoder(width, height, first, last);
    for (;;) {
      if (job.cancelled) throw new Cancelled();
      const sliceEnd = performance.now() + SLICE_MS;
      let more = true;
      while (more && performance.now() < sliceEnd) {
        more = film.next();
        encoder.hold(film.holdBefore());
        if (more) {
          encoder.push(pixels());
          encoder.hold(film.holdAfter());
        }
      }
      onProgress(more ? film.progress() : 1);
      if (!more) break;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const bytes = encoder.finish(); // consumes the encoder
    encoder = null;
    return new Blob([bytes], { type: "image/gif" });
  } finally {
    encoder?.free();
    film.free();
  }
}
