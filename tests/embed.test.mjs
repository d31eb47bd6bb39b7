// Every widget as an embed, in the frames bloggers write: heights in a 700 px
// and a 500 px column within issue 11's limits, the picture and the controls
// that drive it on one small-phone screen, no sideways overflow at any width
// from 320 to 760, no inner scrollbar in a fixed-height frame without
// embed.js, the host's theme switches followed (and a pinned theme kept), and
// canvases that re-render when the device pixel ratio changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open } from "./support.mjs";

const env = suite();

// Issue 11 §1: the whole height at 700 px wide; at 500 px, 1.25 × these.
const LIMITS = { descent: 720, "lr-compare": 760, optimizers: 760, backprop: 760, microgpt: 720, mse: 560, "cross-entropy": 560 };
// What must be on the first 667 px of a 375 px phone: the main picture and
// the controls that drive it.
const PHONE = {
  descent: ['[data-widget] canvas', '[data-control="step"]', '[data-control="play"]', '[data-control="lr-slider"]'],
  "lr-compare": ['[data-run="2"] canvas', '[data-control="step"]', '[data-control="play"]', '[data-run="2"] [data-control="lr-slider"]'],
  optimizers: ["canvas[data-view]", '[data-control="step"]', '[data-control="play"]', '[data-control="lr-slider"]'],
  backprop: ["canvas.graph", '[data-control="next"]'],
  microgpt: ["[data-chart]", '[data-control="train"]'],
  mse: ["[data-mse]", '[data-control="pred-3"]'],
  "cross-entropy": ["[data-ce]", '[data-control="p-right"]'],
};

/** A host page with one iframe of `width` × `height` (px) on `src`, with or without embed.js. */
function host(src, { width = 700, height = 400, sandbox = "allow-scripts", script = true } = {}) {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>
<style>body { margin: 0 } iframe { display: block; border: 0; width: ${width}px; height: ${height}px }</style></head>
<body><iframe src="${src}" sandbox="${sandbox}"></iframe>
${script ? '<script src="/embed/embed.js"></script>' : ""}</body></html>`;
}

/** Opens `html` as a page of the test server and waits for its frame's widget. */
async function openHost(html, viewport = { width: 900, height: 1000 }) {
  const s = await open(env.browser, env.server.origin, "/", { waitReady: false, viewport });
  await s.page.route("**/host.html", (route) => route.fulfill({ contentType: "text/html", body: html }));
  await s.page.goto(`${env.server.origin}/host.html`);
  const frame = await (await s.page.waitForSelector("iframe")).contentFrame();
  await frame.waitForSelector("html[data-ready='true']");
  return { ...s, frame };
}

/** The frame's height, its content's height, and whether it scrolls. */
const measure = async (s) => ({
  frame: (await (await s.page.$("iframe")).boundingBox()).height,
  ...(await s.frame.evaluate(() => ({
    content: Math.ceil(document.documentElement.getBoundingClientRect().height),
    scrolls: document.documentElement.scrollHeight > innerHeight + 1,
    sideways: document.documentElement.scrollWidth > innerWidth + 1,
  }))),
});

for (const widget of Object.keys(LIMITS)) {
  test(`${widget}: fits a 700 px and a 500 px column, and a phone's screen`, async () => {
    for (const [width, limit] of [[700, LIMITS[widget]], [500, LIMITS[widget] * 1.25]]) {
      const s = await openHost(host(`/?widget=${widget}`, { width }));
      await s.page.waitForFunction(() => Math.abs(document.querySelector("iframe").offsetHeight - 400) > 2);
      await s.page.waitForTimeout(200);
      const m = await measure(s);
      assert.ok(Math.abs(m.frame - m.content) <= 2, `${widget} at ${width}: frame ${m.frame}, content ${m.content}`);
      assert.ok(m.frame <= limit, `${widget} at ${width} px: ${m.frame} px ≤ ${limit}`);
      assert.equal(m.scrolls || m.sideways, false, `${widget} at ${width}: no scrollbar`);
      s.assertClean();
      await s.context.close();
    }
    // A 375 × 667 phone, the widget as the whole page.
    const s = await open(env.browser, env.server.origin, `/?widget=${widget}`, { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true });
    for (const selector of PHONE[widget]) {
      const box = await s.page.locator(selector).first().boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 667, `${widget} on a phone: ${selector} within the first screen (${box && box.y + box.height})`);
    }
    s.assertClean();
    await s.context.close();
  });
}

test("every widget is laid out for every width from 320 to 760 px: nothing runs off sideways", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent", { viewport: { width: 320, height: 800 } });
  for (const widget of [...Object.keys(LIMITS), "loss"]) {
    await s.page.goto(`${env.server.origin}/?widget=${widget}`);
    await s.page.waitForSelector("html[data-ready='true']");
    for (let width = 320; width <= 760; width += 40) {
      await s.page.setViewportSize({ width, height: 800 });
      const over = await s.page.evaluate(() => {
        const wide = [...document.querySelectorAll("[data-widget] *")].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > innerWidth + 1 && getComputedStyle(el).position !== "absolute";
        });
        return { sideways: document.documentElement.scrollWidth > innerWidth + 1, first: wide[0]?.outerHTML.slice(0, 80) };
      });
      assert.equal(over.sideways, false, `${widget} at ${width} px runs off sideways: ${over.first}`);
    }
  }
  s.assertClean();
  await s.context.close();
});

test("without embed.js a fixed-height frame shows no scrollbar, at its limit and smaller", async () => {
  for (const widget of Object.keys(LIMITS)) {
    // Smaller than the limit, the pictures shrink to fit; the MSE embed's
    // picture is not what makes it tall (its sliders and table are), so it
    // gets its limit only.
    const heights = widget === "mse" ? [LIMITS[widget]] : [LIMITS[widget], LIMITS[widget] - 120];
    for (const height of heights) {
      const s = await openHost(host(`/?widget=${widget}`, { width: 700, height, script: false, sandbox: "allow-scripts allow-same-origin" }));
      await s.page.waitForTimeout(150);
      const m = await measure(s);
      assert.equal(m.frame, height, "nothing resized the frame");
      assert.equal(m.scrolls, false, `${widget} in a ${height} px frame scrolls (content ${m.content})`);
      s.assertClean();
      await s.context.close();
    }
  }
});

test("the host's theme: followed when it switches, even by color-scheme alone; a pinned theme stays", async () => {
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>
<style>iframe { display: block; border: 0; width: 600px; height: 300px }</style></head>
<body><iframe src="/?widget=mse" sandbox="allow-scripts"></iframe><div style="height: 3000px"></div>
<iframe src="/?widget=cross-entropy&theme=light" sandbox="allow-scripts"></iframe>
<script src="/embed/embed.js"></script></body></html>`;
  const s = await openHost(page);
  // Polled, not per animation frame: a frame scrolled out of view gets no
  // frames, and that is the case under test.
  const [follows, pinned] = await Promise.all((await s.page.$$("iframe")).map((h) => h.contentFrame()));
  await pinned.waitForSelector("html[data-ready='true']");
  const theme = (f) => f.evaluate(() => document.documentElement.dataset.theme);
  // Only color-scheme, as many themes do; the first frame is scrolled away.
  await s.page.evaluate(() => {
    document.documentElement.style.colorScheme = "dark";
    scrollTo(0, 2000);
  });
  await follows.waitForFunction(() => document.documentElement.dataset.theme === "dark", null, { polling: 100 });
  await s.page.evaluate(() => {
    document.documentElement.style.colorScheme = "";
    document.documentElement.dataset.theme = "light";
  });
  await follows.waitForFunction(() => document.documentElement.dataset.theme === "light", null, { polling: 100 });
  // A blog that marks dark with a class only (Tailwind-style), both ways.
  await s.page.evaluate(() => {
    delete document.documentElement.dataset.theme;
    document.documentElement.classList.add("dark");
  });
  await follows.waitForFunction(() => document.documentElement.dataset.theme === "dark", null, { polling: 100 });
  await s.page.evaluate(() => document.documentElement.classList.remove("dark"));
  await follows.waitForFunction(() => document.documentElement.dataset.theme === "light", null, { polling: 100 });
  assert.equal(await theme(pinned), "light", "?theme=light keeps its theme");
  s.assertClean();
  await s.context.close();
});

test("a window moved to a screen with another pixel ratio re-renders every canvas, without a reload", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent", { viewport: { width: 700, height: 800 }, deviceScaleFactor: 2 });
  const backing = () => s.page.evaluate(() => {
    const c = document.querySelector("[data-widget] canvas");
    return { ratio: c.width / c.clientWidth, dpr: devicePixelRatio };
  });
  assert.equal((await backing()).ratio, 2);
  const cdp = await s.context.newCDPSession(s.page);
  for (const ratio of [1, 3]) {
    await cdp.send("Emulation.setDeviceMetricsOverride", { width: 700, height: 800, deviceScaleFactor: ratio, mobile: false });
    await s.page.waitForFunction((r) => {
      const c = document.querySelector("[data-widget] canvas");
      return devicePixelRatio === r && Math.abs(c.width / c.clientWidth - r) < 0.01;
    }, ratio, { timeout: 5000 });
  }
  s.assertClean();
  await s.context.close();
});

test("opening secondary material grows the frame; ?compact=1 drops the title and the About", async () => {
  const s = await openHost(host("/?widget=backprop", { width: 700 }));
  await s.page.waitForFunction(() => Math.abs(document.querySelector("iframe").offsetHeight - 400) > 2);
  await s.page.waitForTimeout(200);
  const before = (await measure(s)).frame;
  await s.frame.locator("details.secondary > summary", { hasText: "finite differences" }).click();
  await s.page.waitForFunction((h) => document.querySelector("iframe").offsetHeight > h + 40, before);
  const after = await measure(s);
  assert.ok(Math.abs(after.frame - after.content) <= 2 && !after.scrolls, "the frame still fits its content");
  assert.ok(await s.frame.locator('[data-readout="fd_w1"]').isVisible(), "the check's readouts are there");
  s.assertClean();
  await s.context.close();

  const full = await open(env.browser, env.server.origin, "/?widget=descent", { viewport: { width: 700, height: 800 } });
  assert.equal(await full.page.locator("[data-widget] h2").isVisible(), true, "a title without compact");
  assert.equal(await full.page.locator("details.secondary", { hasText: "About" }).isVisible(), true, "an About without compact");
  await full.context.close();
  const c = await open(env.browser, env.server.origin, "/?widget=descent&compact=1", { viewport: { width: 700, height: 800 } });
  assert.equal(await c.page.locator("[data-widget] h2").isVisible(), false);
  assert.equal(await c.page.locator("details.secondary", { hasText: "About" }).isVisible(), false);
  assert.equal(await c.page.locator('[data-control="step"]').isVisible(), true);
  c.assertClean();
  await c.context.close();
});

test("embed.js leaves other frames alone: an ad that says it is Downhill is not resized", async () => {
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>
<style>iframe { display: block; border: 0; width: 600px; height: 200px }</style></head>
<body><iframe src="/?widget=cross-entropy" sandbox="allow-scripts"></iframe>
<iframe class="ad" sandbox="allow-scripts" srcdoc="<script>setInterval(() => parent.postMessage({ downhill: 'height', height: 3000, doc: 'ad' }, '*'), 50)</script>"></iframe>
<script src="/embed/embed.js"></script></body></html>`;
  const s = await openHost(page);
  await s.page.waitForFunction(() => Math.abs(document.querySelector("iframe").offsetHeight - 200) > 2);
  await s.page.waitForTimeout(300);
  assert.equal(await s.page.evaluate(() => document.querySelector("iframe.ad").offsetHeight), 200, "the ad keeps its height");
  s.assertClean();
  await s.context.close();
});
