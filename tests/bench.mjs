// `make bench`: what a reader waits for. Prints the cost of one full redraw of
// each widget in headless Chromium (p50 / p95 over many frames, with the balls
// in flight) and the gzip size of every file the page ships.
// Not a test: nothing here passes or fails on a time.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, serve, launch, open } from "./support.mjs";
import { builtinNames } from "../scripts/corpus.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const FRAMES = 600;
const WARMUP = 60;

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

async function sizes() {
  const rows = [];
  for (const path of (await files(DIST)).sort()) {
    const body = await readFile(path);
    rows.push({ file: relative(DIST, path), raw: (await stat(path)).size, gzip: gzipSync(body, { level: 9 }).length });
  }
  return rows;
}

// Times one frame's work — `draw(now, dpr)` of a fresh handle of `kind` on
// offscreen canvases the size of the page's, with the balls in flight (a step
// every 20 frames), microgpt training, the loss widgets dragged.
async function redraw(browser, origin, kind, dpr, raster) {
  const s = await open(browser, origin, "/", { deviceScaleFactor: dpr });
  const result = await s.page.evaluate(async ([kind, frames, warmup, raster]) => {
    const wasm = await import("./downhill.js"); // the module main.js already started
    const ratio = window.devicePixelRatio;
    const like = (shown) => {
      const c = document.createElement("canvas");
      c.width = Math.round(shown.clientWidth * ratio);
      c.height = Math.round(shown.clientHeight * ratio);
      return c;
    };
    let canvases, d;
    if (kind === "descent") {
      canvases = [like(document.querySelector("[data-widget=descent] canvas"))];
      d = new wasm.Descent(canvases[0]);
      d.setLr(0.9); // overshooting: the ball arcs across the valley every step
    } else if (kind === "lr-compare") {
      const root = document.querySelector("[data-widget=lr-compare]");
      canvases = [...root.querySelectorAll("[data-run] canvas"), root.querySelector("[data-chart]")].map(like);
      d = new wasm.LrCompare(...canvases);
    } else if (kind === "backprop") {
      const root = document.querySelector("[data-widget=backprop]");
      canvases = [root.querySelector("canvas.graph"), root.querySelector("[data-chart]")].map(like);
      const b = new wasm.Backprop(...canvases);
      d = { step: () => b.next(), draw: (now, r) => b.draw(now, r) }; // a stage every 20 frames
    } else if (kind === "microgpt") {
      const root = document.querySelector("[data-widget=microgpt]");
      canvases = [like(root.querySelector("[data-chart]"))];
      const g = new wasm.Microgpt(canvases[0]);
      g.loadCorpus("emma\nolivia\nava\nisabella\nsophia\nmia\namelia\nharper\n", "bench");
      g.setSteps(20000);
      g.toggleTrain();
      // Training as the page does: a few steps a frame, then the chart.
      d = { step: () => {}, draw: (now, r) => { g.train(4); g.draw(now, r); } };
    } else if (kind.startsWith("optimizers")) {
      // All six on, with 300-step trails, a step every frame (a frame
      // without a step draws nothing); η = 0.05 so Nesterov races as well.
      // "optimizers-map" gives the loss chart a 1 × 1 canvas: the map alone.
      const root = document.querySelector("[data-widget=optimizers]");
      canvases = [root.querySelector("canvas[data-view]"), root.querySelector("canvas[data-chart]")].map(like);
      if (kind === "optimizers-map") canvases[1].width = canvases[1].height = 1;
      const o = new wasm.Optimizers(...canvases);
      o.setLr(0.05);
      o.setEnabled("nesterov", true);
      for (let i = 0; i < 300; i++) o.step();
      d = { step: () => {}, draw: (now, r) => { o.step(); o.draw(now, r); } };
    } else {
      const root = document.querySelector("[data-widget=loss]");
      canvases = [root.querySelector("[data-mse]"), root.querySelector("[data-ce]")].map(like);
      const l = new wasm.Losses(...canvases);
      let k = 0;
      // A finger on prediction 1 and on p(好), moving every frame.
      d = { step: () => {}, draw: (now, r) => { k++; l.setPrediction(0, 1 + (k % 30) / 10); l.setPRight(0.05 + (k % 90) / 100); l.draw(now, r); } };
    }
    // Reading one pixel back makes the browser rasterise the frame inside the timing.
    const contexts = canvases.map((c) => c.getContext("2d"));
    const times = [];
    let now = 0;
    for (let i = 0; i < frames + warmup; i++) {
      if (i % 20 === 0) d.step(now);
      now += 16.7;
      const t0 = performance.now();
      d.draw(now, ratio);
      if (raster) for (const ctx of contexts) ctx.getImageData(0, 0, 1, 1);
      const dt = performance.now() - t0;
      if (i >= warmup) times.push(dt);
    }
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    const size = canvases.map((c) => `${c.width}×${c.height}`).join(" + ");
    return { size, p50: q(0.5), p95: q(0.95), max: times.at(-1) };
  }, [kind, FRAMES, WARMUP, raster]);
  await s.context.close();
  return result;
}

// microgpt in the page: 1,000 steps timed in chunks of 10 (Chromium's timer
// is coarse here), on the built-in corpus.
async function microgptInBrowser(browser, origin, text) {
  const s = await open(browser, origin, "/?widget=microgpt");
  const result = await s.page.evaluate(async (text) => {
    const wasm = await import("./downhill.js");
    const g = new wasm.Microgpt(document.createElement("canvas"));
    g.loadCorpus(text, "bench");
    g.toggleTrain();
    const chunks = [];
    const t0 = performance.now();
    for (;;) {
      const c0 = performance.now();
      const n = g.train(10);
      if (n === 0) break;
      chunks.push((performance.now() - c0) / n);
    }
    const total = performance.now() - t0;
    chunks.sort((a, b) => a - b);
    return { median: chunks[Math.floor(chunks.length / 2)], p95: chunks[Math.floor(chunks.length * 0.95)], total };
  }, text);
  await s.context.close();
  return result;
}

// Issue 11's height limits for a 700 px column (CSS px); 1.25× at 500 px.
const LIMITS = { descent: 720, "lr-compare": 760, optimizers: 760, backprop: 760, microgpt: 720, mse: 560, "cross-entropy": 560 };
const EMBED_WIDTHS = [375, 500, 700];
// A host page per widget and width: one iframe, with embed.js sizing it.
const hosts = {};
for (const widget of Object.keys(LIMITS)) {
  for (const width of EMBED_WIDTHS) {
    hosts[`/host-${widget}-${width}.html`] = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<style>body { margin: 0 } iframe { display: block; border: 0; width: ${width}px; height: 300px }</style>
<iframe src="/?widget=${widget}" sandbox="allow-scripts"></iframe><script src="/embed/embed.js"></script>`;
  }
}

// The height each embed settles at (CSS px), sized by embed.js.
async function embedHeight(browser, origin, widget, width) {
  const s = await open(browser, origin, `/host-${widget}-${width}.html`, { waitReady: false, viewport: { width: Math.max(width, 800), height: 1000 } });
  const frame = await (await s.page.waitForSelector("iframe")).contentFrame();
  await frame.waitForSelector("html[data-ready='true']");
  await s.page.waitForFunction(() => document.querySelector("iframe").offsetHeight !== 300);
  await s.page.waitForTimeout(300);
  const height = await s.page.evaluate(() => document.querySelector("iframe").offsetHeight);
  await s.context.close();
  return height;
}

// The widget alone as a page on a 1280 × 800 screen: its whole height.
async function pageHeight(browser, origin, widget) {
  const s = await open(browser, origin, `/?widget=${widget}`, { viewport: { width: 1280, height: 800 } });
  const height = await s.page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await s.context.close();
  return height;
}

// Issue 15: frame intervals on a phone-class CPU. Chrome's own CPU
// throttling (the DevTools stand-in for a mid-range phone) at 390 × 844 and
// devicePixelRatio 3, the widget playing at 4× (or training, or dragged), the
// intervals between requestAnimationFrame callbacks over a few seconds.
const PHONE_MS = 5000;
async function phoneFrames(browser, origin, widget, rate) {
  const query = { descent: "&speed=4&autoplay=1", "lr-compare": "&speed=4&autoplay=1", optimizers: "&speed=16&autoplay=1", backprop: "&speed=4&autoplay=1", microgpt: "", mse: "", "cross-entropy": "" }[widget];
  const s = await open(browser, origin, `/?widget=${widget}${query}`, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true });
  const cdp = await s.context.newCDPSession(s.page);
  if (widget === "microgpt") {
    await s.page.waitForFunction(() => /\d/.test(document.querySelector("[data-corpus]").textContent));
    await s.page.fill('[data-control="steps"]', "20000");
    await s.page.press('[data-control="steps"]', "Enter");
    await s.page.click('[data-control="train"]');
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  const record = s.page.evaluate((ms) => new Promise((done) => {
    const gaps = [];
    let last = performance.now();
    const t0 = last;
    const frame = (now) => {
      gaps.push(now - last);
      last = now;
      if (now - t0 < ms) requestAnimationFrame(frame);
      else done(gaps.slice(2));
    };
    requestAnimationFrame(frame);
  }), PHONE_MS);
  if (widget === "mse" || widget === "cross-entropy") {
    // A finger dragging prediction 1 (or p(好)) along its slider.
    const box = await s.page.locator(widget === "mse" ? '[data-control="pred-0"]' : '[data-control="p-right"]').boundingBox();
    const t0 = Date.now();
    await s.page.mouse.move(box.x + 4, box.y + box.height / 2);
    await s.page.mouse.down();
    for (let i = 0; Date.now() - t0 < PHONE_MS; i++) {
      await s.page.mouse.move(box.x + 4 + ((i * 7) % Math.max(1, box.width - 8)), box.y + box.height / 2);
    }
    await s.page.mouse.up();
  }
  const gaps = (await record).sort((a, b) => a - b);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await s.context.close();
  const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))];
  return { p50: at(0.5), p95: at(0.95), max: gaps[gaps.length - 1], n: gaps.length };
}

// learning_rate.gif (实验三, 810 × 288, 20 steps at 2×, 20 frames/s) by
// downhill-render and by matplotlib + Pillow, the way the post's author makes
// it (tests/bench/matplotlib_learning_rate.py), in a throwaway venv from PyPI.
async function exportBench() {
  const [width, height, fps, speed, steps] = [810, 288, 20, 2, 20];
  console.log(`\nlearning_rate.gif, ${width} × ${height}, ${steps} steps at ${speed}×, ${fps} frames/s (median of 3 runs, wall clock incl. start-up):`);
  execFileSync("cargo", ["build", "--release", "--locked", "-q", "-p", "downhill", "--bin", "downhill-render"], { cwd: ROOT, stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "downhill-export-"));
  try {
    await exportBenchIn(dir, { width, height, fps, speed, steps });
  } finally {
    rmSync(dir, { recursive: true, force: true }); // the throwaway venv with it
  }
}

async function exportBenchIn(dir, { width, height, fps, speed, steps }) {
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const timed = (command, args, opts = {}) => {
    const times = [];
    let output = "";
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      output = execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], ...opts });
      times.push(performance.now() - t0);
    }
    return { ms: median(times), output };
  };
  const ours = join(dir, "downhill.gif");
  const query = `widget=lr-compare&lr0=0.03&lr1=0.3&lr2=1.5&w0=0&steps=${steps}&speed=${speed}&lang=en`;
  const d = timed(join(ROOT, "target", "release", "downhill-render"), ["--query", query, "--size", `${width}x${height}`, "--fps", String(fps), "-o", ours]);
  const dSize = (await stat(ours)).size;
  const clock = Math.round(((700 / speed) * (steps + 1) + 450 / speed + 2000) * fps / 1000);
  console.log(`  downhill-render        ${(d.ms / 1000).toFixed(2)} s   ${(dSize / 1024).toFixed(0)} KB   (${clock} frames on the clock; repeats written once)`);
  const venv = join(dir, "venv");
  try {
    execFileSync("python3", ["-m", "venv", venv], { stdio: "ignore" });
    execFileSync(join(venv, "bin", "pip"), ["install", "-q", "--disable-pip-version-check", "--only-binary=:all:", "matplotlib", "pillow"], { stdio: "ignore", timeout: 10 * 60 * 1000 });
  } catch (e) {
    console.log(`  matplotlib + Pillow    skipped: could not install them from PyPI (${e.message.split("\n")[0]})`);
    return;
  }
  const versions = execFileSync(join(venv, "bin", "python"), ["-c", "import matplotlib, PIL; print(matplotlib.__version__, PIL.__version__)"], { encoding: "utf8" }).trim().split(" ");
  const theirs = join(dir, "matplotlib.gif");
  const script = join(ROOT, "tests", "bench", "matplotlib_learning_rate.py");
  const m = timed(join(venv, "bin", "python"), [script, theirs, String(width), String(height), String(fps), String(speed), String(steps)]);
  const mSize = (await stat(theirs)).size;
  console.log(`  matplotlib ${versions[0]} + Pillow ${versions[1]}   ${(m.ms / 1000).toFixed(2)} s   ${(mSize / 1024).toFixed(0)} KB   (${m.output.trim()} frames)`);
  const faster = m.ms / d.ms;
  console.log(`  → Downhill ${faster.toFixed(1)}× faster (target ≥ 20×), file ${(dSize / mSize).toFixed(2)}× matplotlib's (target ≤ 1)`);
}

const server = await serve(DIST, { pages: hosts });
const browser = await launch();
try {
  console.log(`Downhill bench — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${browser.version()}`);
  // BENCH_ONLY=heights|phone|redraw|microgpt|size|export runs one section.
  const only = process.env.BENCH_ONLY;
  const run = (name) => !only || only === name;
  if (run("heights")) {
  console.log("\nEmbed heights, CSS px (limit at 700 px wide; 1.25 × at 500 px; a phone at 375 px has the first-screen rule instead):");
  console.log(`  ${"widget".padEnd(14)} ${EMBED_WIDTHS.map((w) => `${w} px`.padStart(8)).join(" ")}   1280×800 page   limit 700 / 500`);
  for (const [widget, limit] of Object.entries(LIMITS)) {
    const heights = [];
    for (const width of EMBED_WIDTHS) heights.push(await embedHeight(browser, server.origin, widget, width));
    const page = await pageHeight(browser, server.origin, widget);
    const ok = heights[2] <= limit && heights[1] <= limit * 1.25 ? "within" : "OVER";
    console.log(`  ${widget.padEnd(14)} ${heights.map((h) => String(h).padStart(8)).join(" ")}   ${String(page).padStart(13)}   ${limit} / ${limit * 1.25}  ${ok}`);
  }

  }
  if (run("phone")) {
  console.log(`\nOn a phone: 390 × 844 at DPR 3, Chrome's CPU throttling, frame intervals over ${PHONE_MS / 1000} s (target at 4×: p50 16.7 ms, p95 ≤ 33.4 ms):`);
  for (const widget of ["descent", "lr-compare", "optimizers", "backprop", "microgpt", "mse", "cross-entropy"]) {
    const what = { descent: "playing at 4×", "lr-compare": "playing at 4×", optimizers: "racing at 16×", backprop: "playing at 4×", microgpt: "training", mse: "dragging a prediction", "cross-entropy": "dragging p(好)" }[widget];
    for (const rate of [4, 6]) {
      const r = await phoneFrames(browser, server.origin, widget, rate);
      console.log(`  ${widget.padEnd(14)} ${what.padEnd(22)} CPU ÷${rate}  p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   max ${r.max.toFixed(1)} ms   (${r.n} frames)`);
    }
  }

  }
  if (run("redraw")) {
  const widgets = [
    ["descent", "Descent canvas, one frame"],
    ["lr-compare", "Learning-rate lab, one shared-clock frame (3 panels + loss chart)"],
    ["backprop", "Backprop, one frame while playing (graph + loss chart)"],
    ["microgpt", "microgpt, one frame while training (4 steps + chart)"],
    ["optimizers-map", "Optimizers race, the map's redraw: a step of all six, 300+-step trails (the loss chart on a 1 × 1 canvas)"],
    ["optimizers", "Optimizers race, a whole frame: a step of all six, 300+-step trails (map + loss chart)"],
    ["loss", "Loss widgets, one frame while dragging (MSE + cross-entropy)"],
  ];
  for (const [kind, title] of widgets) {
    console.log(`\n${title} (${FRAMES} frames, balls in flight):`);
    for (const raster of [false, true]) {
      for (const dpr of [1, 2]) {
        const r = await redraw(browser, server.origin, kind, dpr, raster);
        const what = raster ? "draw + raster" : "draw calls   ";
        console.log(`  ${what} dpr ${dpr}  p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   max ${r.max.toFixed(2)} ms   (${r.size} px)`);
      }
    }
  }
  }
  if (run("microgpt")) {
  console.log("\nmicrogpt training, 1,000 steps (seed 42, Adam), built-in names:");
  // The built-in names as plain lines (the page ships them front-coded).
  const names = builtinNames().join("\n");
  const corpus = join(tmpdir(), "downhill-first-names.txt");
  writeFileSync(corpus, names);
  execFileSync("cargo", ["build", "--release", "--locked", "-q", "-p", "downhill", "--bin", "bench-microgpt"], { cwd: ROOT, stdio: "inherit" });
  const native = JSON.parse(execFileSync(join(ROOT, "target", "release", "bench-microgpt"), [corpus], { encoding: "utf8" }));
  console.log(`  native        median ${native.median_ms.toFixed(3)} ms/step   p95 ${native.p95_ms.toFixed(3)} ms   1,000 steps ${native.total_ms.toFixed(0)} ms`);
  const web = await microgptInBrowser(browser, server.origin, names);
  console.log(`  wasm (page)   median ${web.median.toFixed(3)} ms/step   p95 ${web.p95.toFixed(3)} ms   1,000 steps ${web.total.toFixed(0)} ms   (chunks of 10 steps)`);
  // Against Karpathy's microgpt.py itself, when given: MICROGPT_PY=path/to/microgpt.py
  // (and NAMES=path/to/names.txt, else ../shared/data/names.txt). About 8 minutes.
  const script = process.env.MICROGPT_PY;
  if (script) {
    const names = process.env.NAMES ?? join(ROOT, "..", "shared", "data", "names.txt");
    if (!existsSync(names)) {
      console.log(`  microgpt.py   skipped: no names.txt at ${names}`);
    } else {
      const dir = mkdtempSync(join(tmpdir(), "microgpt-"));
      copyFileSync(names, join(dir, "input.txt"));
      const p0 = performance.now();
      execFileSync("python3", [script], { cwd: dir, stdio: "ignore", timeout: 30 * 60 * 1000 });
      const perStep = (performance.now() - p0) / 1000;
      console.log(`  microgpt.py   ${perStep.toFixed(1)} ms/step (wall clock incl. start-up) → wasm is ${(perStep / web.median).toFixed(0)}× faster, native ${(perStep / native.median_ms).toFixed(0)}×`);
    }
  } else {
    console.log("  microgpt.py   not run (set MICROGPT_PY=path/to/microgpt.py to compare; about 8 minutes)");
  }

  }
  if (run("size")) {
  console.log("\nPage files (gzip -9):");
  // The page is what a reader's browser loads for a widget; embed/ is the
  // kit for bloggers (embed.js runs on their page, the snippet and the Hugo
  // shortcode are never served to readers), listed apart.
  let raw = 0, gz = 0;
  const rows = await sizes();
  const lazy = (r) => r.file.startsWith("gif-encoder");
  for (const r of rows.filter((r) => !r.file.startsWith("embed/") && !lazy(r))) {
    raw += r.raw;
    gz += r.gzip;
    console.log(`  ${r.file.padEnd(26)} ${String(r.raw).padStart(8)} B   ${String(r.gzip).padStart(7)} B gzip`);
  }
  console.log(`  ${"page total".padEnd(26)} ${String(raw).padStart(8)} B   ${String(gz).padStart(7)} B gzip (${(gz / 1000).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KiB)`);
  for (const r of rows.filter(lazy)) {
    console.log(`  ${r.file.padEnd(26)} ${String(r.raw).padStart(8)} B   ${String(r.gzip).padStart(7)} B gzip   (fetched on the first GIF only)`);
  }
  for (const r of rows.filter((r) => r.file.startsWith("embed/"))) {
    console.log(`  ${r.file.padEnd(26)} ${String(r.raw).padStart(8)} B   ${String(r.gzip).padStart(7)} B gzip   (embed kit)`);
  }
  }
  if (run("export")) await exportBench();
} finally {
  await browser.close();
  await server.close();
}
