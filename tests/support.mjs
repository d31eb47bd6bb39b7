// Shared pieces of the end-to-end tests: a static server for dist/ on
// 127.0.0.1, Debian's Chromium driven by playwright-core, and a page wrapper
// that records every console error and every request that leaves the origin.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
export const ARTIFACTS = join(ROOT, "tests", "artifacts");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Serves `dir` on 127.0.0.1 at a free port, under `prefix` (e.g. "/ai-blog/downhill/"),
 * with `Access-Control-Allow-Origin: *` as static hosts send it. `pages` maps
 * extra paths to HTML strings (host pages for embedding tests). Resolves to
 * { origin, base, requests, close }.
 */
export function serve(dir = DIST, { prefix = "/", pages = {} } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    const headers = { "access-control-allow-origin": "*" };
    if (pages[path] !== undefined) {
      res.writeHead(200, { ...headers, "content-type": TYPES[".html"] }).end(pages[path]);
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const rest = path.slice(prefix.length);
    const file = normalize(join(dir, rest === "" || rest.endsWith("/") ? rest + "index.html" : rest));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      ok({ origin, base: origin + prefix, requests, close: () => new Promise((done) => server.close(done)) });
    }),
  );
}

/**
 * For a test file: serves dist/ and starts Chromium before its tests, stops
 * both after. Returns `{ server, browser }`, filled in once `before` has run.
 */
export function suite() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Debian's Chromium, headless, with nothing that phones home. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens `path` on `origin` in a fresh context and waits until the widgets are
 * mounted. `problems()` lists console errors, page errors and off-origin requests.
 */
export async function open(browser, origin, path = "/", options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1100, height: 1000 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    reducedMotion: options.reducedMotion ?? "no-preference",
    hasTouch: options.hasTouch ?? false,
  });
  const page = await context.newPage();
  const errors = [];
  const offsite = [];
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    const allowed = options.origins ?? [origin];
    // data: and blob: URLs are in memory (a blob of an opaque-origin frame reads "blob:null/…").
    if (url.protocol !== "data:" && url.protocol !== "blob:" && !allowed.includes(url.origin)) offsite.push(r.url());
  });
  // Content-Security-Policy violations, in the page and in any frame.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  if (options.before) await options.before(page);
  await page.goto(path.startsWith("http") ? path : origin + path);
  if (options.waitReady !== false) await page.waitForSelector("html[data-ready='true']");
  return {
    page,
    context,
    problems: () => [...errors, ...offsite.map((u) => `off-origin request: ${u}`)],
    assertClean() {
      assert.deepEqual(this.problems(), [], "no console errors and no off-origin requests");
    },
  };
}

/** The widget root and helpers to reach its public hooks. */
export function widget(page, name) {
  const root = page.locator(`[data-widget="${name}"]`);
  return {
    root,
    control: (c) => root.locator(`[data-control="${c}"]`),
    readout: (r) => root.locator(`[data-readout="${r}"]`),
    value: async (r) => Number(await root.locator(`[data-readout="${r}"]`).getAttribute("data-value")),
    text: (r) => root.locator(`[data-readout="${r}"]`).innerText(),
    state: () => root.getAttribute("data-state"),
  };
}

/**
 * Fails if "NaN" or "Infinity" appears in any text or data-value on the page,
 * or a negative zero ("-0", "-0.00", "−0.0000") in any text (except the URL
 * notice, which quotes what the reader typed).
 */
export async function assertNoNonFinite(page) {
  const found = await page.evaluate(() => {
    const bad = /NaN|Infinity|∞/;
    const negativeZero = /(^|[^\w.])[-−]0(\.0*)?(?![\w.])/m;
    const hits = [];
    const quoted = document.querySelector("[data-page-notice]")?.innerText ?? "";
    const text = document.body.innerText.replace(quoted, "");
    if (bad.test(text)) hits.push("body text");
    const zero = text.match(negativeZero);
    if (zero) hits.push(`negative zero: ${JSON.stringify(zero[0])}`);
    for (const el of document.querySelectorAll("[data-value]")) {
      if (bad.test(el.dataset.value)) hits.push(`${el.dataset.readout}=${el.dataset.value}`);
    }
    return hits;
  });
  assert.deepEqual(found, [], "no NaN, Infinity or negative zero in the DOM");
}

/** Saves a screenshot under tests/artifacts/. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Centroid, in CSS pixels, of the canvas pixels close to `rgb` (device pixels
 * divided by the ratio), and how many there were.
 */
export async function findColour(page, canvasSelector, rgb, tolerance = 40) {
  return page.evaluate(
    ([sel, [r, g, b], tol]) => {
      const canvas = document.querySelector(sel);
      const ctx = canvas.getContext("2d");
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0, sx = 0, sy = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= tol) {
            n++; sx += x; sy += y;
          }
        }
      }
      const scale = canvas.width / canvas.clientWidth;
      return n ? { n, x: sx / n / scale, y: sy / n / scale } : { n: 0 };
    },
    [canvasSelector, rgb, tolerance],
  );
}

/**
 * Opens every closed "secondary" section of an embed (the corpus picker, the
 * inputs, the tables) by clicking its summary, as a reader would.
 */
export async function openSecondary(page) {
  for (const details of await page.locator("details.secondary").all()) {
    if (!(await details.evaluate((d) => d.open))) await details.locator(":scope > summary").click();
  }
}
