// `make bench`: what a reader waits for. Prints the cost of one full redraw of
// the descent canvas in headless Chromium (p50 / p95 over many frames, with the
// ball in flight) and the gzip size of every file the page ships.
// Not a test: nothing here passes or fails on a time.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { DIST, serve, launch, open } from "./support.mjs";

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

async function redraw(browser, origin, dpr, raster) {
  const s = await open(browser, origin, "/", { deviceScaleFactor: dpr });
  const result = await s.page.evaluate(async ([frames, warmup, raster]) => {
    const wasm = await import("./downhill.js"); // the module main.js already started
    const shown = document.querySelector("[data-widget=descent] canvas");
    const canvas = document.createElement("canvas");
    const ratio = window.devicePixelRatio;
    canvas.width = Math.round(shown.clientWidth * ratio);
    canvas.height = Math.round(shown.clientHeight * ratio);
    // Reading one pixel back makes the browser rasterise the frame inside the timing.
    const ctx = canvas.getContext("2d", { willReadFrequently: false });
    const d = new wasm.Descent(canvas);
    d.setLr(0.9); // overshooting: the ball arcs across the valley every step
    const times = [];
    let now = 0;
    for (let i = 0; i < frames + warmup; i++) {
      if (i % 20 === 0) d.step(now);
      now += 16.7;
      const t0 = performance.now();
      d.draw(now, ratio);
      if (raster) ctx.getImageData(0, 0, 1, 1);
      const dt = performance.now() - t0;
      if (i >= warmup) times.push(dt);
    }
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { width: canvas.width, height: canvas.height, p50: q(0.5), p95: q(0.95), max: times.at(-1) };
  }, [FRAMES, WARMUP, raster]);
  await s.context.close();
  return result;
}

const server = await serve();
const browser = await launch();
try {
  console.log(`Downhill bench — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${browser.version()}`);
  console.log(`\nDescent canvas, one full redraw (${FRAMES} frames, ball in flight):`);
  for (const raster of [false, true]) {
    for (const dpr of [1, 2]) {
      const r = await redraw(browser, server.origin, dpr, raster);
      const what = raster ? "draw + raster" : "draw calls   ";
      console.log(`  ${what} dpr ${dpr}  ${r.width}×${r.height} px   p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   max ${r.max.toFixed(2)} ms`);
    }
  }
  console.log("\nPage files (gzip -9):");
  let raw = 0, gz = 0;
  for (const r of await sizes()) {
    raw += r.raw;
    gz += r.gzip;
    console.log(`  ${r.file.padEnd(22)} ${String(r.raw).padStart(8)} B   ${String(r.gzip).padStart(7)} B gzip`);
  }
  console.log(`  ${"total".padEnd(22)} ${String(raw).padStart(8)} B   ${String(gz).padStart(7)} B gzip (${(gz / 1024).toFixed(1)} KiB)`);
} finally {
  await browser.close();
  await server.close();
}
