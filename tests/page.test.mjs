// Embed, share, present, in real Chromium: URL state in and out, hostile URLs,
// a sandboxed iframe on another origin, the CSP, keys, 中文, dark theme, phone
// and presenter layouts, a sub-path, and pausing when out of view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DIST, suite, serve, open, widget, assertNoNonFinite, screenshot } from "./support.mjs";

const env = suite();

// w after n steps of w ← w − η·2(w − 3), computed here.
function descend(n, lr, w0 = 0) {
  let w = w0;
  for (let i = 0; i < n; i++) w = w - lr * 2 * (w - 3);
  return { w, loss: (w - 3) ** 2 + 1 };
}

test("a URL restores the descent state exactly", async () => {
  const s = await open(env.browser, env.server.origin, "/?lr=1.5&w0=1&steps=12&speed=4");
  const d = widget(s.page, "descent");
  const want = descend(12, 1.5, 1);
  assert.equal(await d.value("t"), 12);
  assert.equal(await d.value("w"), want.w);
  assert.equal(await d.value("loss"), want.loss);
  assert.equal(await d.control("lr").inputValue(), "1.5");
  assert.equal(await d.control("speed").inputValue(), "4");
  assert.equal(await d.root.getAttribute("data-diverging"), "true");
  assert.equal(await s.page.locator("[data-page-notice]").isHidden(), true, "a good URL needs no notice");
  s.assertClean();
  await s.context.close();
});

test("?widget=lr-compare shows the lab alone, with its runs restored", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=lr-compare&lr0=0.1&lr1=0.5&lr2=0.9&w0=-2&steps=10");
  assert.equal(await s.page.locator("[data-widget]").count(), 1);
  assert.equal(await s.page.locator(".page-head").isVisible(), false, "no page chrome");
  const lab = widget(s.page, "lr-compare");
  for (const [i, lr] of [0.1, 0.5, 0.9].entries()) {
    const run = lab.root.locator(`[data-run="${i}"]`);
    const want = descend(10, lr, -2);
    assert.equal(Number(await run.locator('[data-readout="w"]').getAttribute("data-value")), want.w);
    assert.equal(Number(await run.locator('[data-readout="loss"]').getAttribute("data-value")), want.loss);
  }
  assert.equal(await lab.value("t"), 10);
  s.assertClean();
  await s.context.close();
});

test("the URL follows the reader's changes, and Copy link copies it", async () => {
  const s = await open(env.browser, env.server.origin);
  await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
  const d = widget(s.page, "descent");
  await d.root.locator('[data-preset="1.5"]').click();
  for (let i = 0; i < 3; i++) await d.control("step").click();
  await s.page.waitForFunction(() => location.search.includes("steps=3"));
  const query = new URLSearchParams(await s.page.evaluate(() => location.search));
  assert.equal(query.get("lr"), "1.5");
  assert.equal(query.get("steps"), "3");
  await d.control("play").click();
  await s.page.waitForFunction(() => location.search.includes("autoplay=1"));
  await d.control("play").click();
  await s.page.waitForFunction(() => !location.search.includes("autoplay"));
  await d.control("reset").click();
  for (let i = 0; i < 3; i++) await d.control("step").click();
  await s.page.waitForFunction(() => location.search.includes("steps=3"));
  await s.page.locator('[data-page="copy"]').click();
  const copied = await s.page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /lr=1\.5/);
  // The copied link, opened fresh, lands in the same state.
  const again = await open(env.browser, env.server.origin, copied);
  assert.equal(await widget(again.page, "descent").value("w"), descend(3, 1.5).w);
  again.assertClean();
  s.assertClean();
  await again.context.close();
  await s.context.close();
});

// At least 30 hand-edited or hostile URLs: each loads, says what it corrected,
// logs no error and shows no NaN or Infinity.
const HOSTILE = [
  ["lr=abc", true], ["lr=1e999", true], ["lr=-1e999", true], ["lr=NaN", true], ["lr=Infinity", true],
  ["lr=0", true], ["lr=-0.5", true], ["lr=5000", true], ["lr=", true], ["lr=0x10", true],
  ["w0=NaN", true], ["w0=1e300", true], ["w0=--3", true], ["steps=-1", true], ["steps=1e12", true],
  ["steps=3.5", true], ["steps=abc", true], ["speed=0", true], ["speed=1e9", true], ["autoplay=maybe", true],
  ["lang=fr", true], ["lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E", true], ["theme=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", true],
  ["widget=nope", true], ["widget=..%2F..%2Fetc%2Fpasswd", true], ["lr2=%F0%9F%92%A5", true], ["lr0=1e-400", true],
  ["foo=bar&__proto__=1&constructor=x", false], ["%%%%&&&===", false], ["lr=%ZZ", true],
  ["lr=1.5&steps=5000", false], ["widget=lr-compare&lr2=1000&steps=5000", false],
];

test(`${HOSTILE.length} hostile URLs: the page loads, says what it fixed, and stays finite`, async () => {
  assert.ok(HOSTILE.length >= 30);
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  for (const [query, expectNotice] of HOSTILE) {
    await page.goto(`${env.server.origin}/?${query}`);
    await page.waitForSelector("html[data-ready='true']");
    const notice = page.locator("[data-page-notice]");
    assert.equal(await notice.isVisible(), expectNotice, `notice for ?${query}`);
    if (expectNotice) {
      const text = await notice.innerText();
      assert.ok(text.length > 10, `a readable notice for ?${query}`);
      assert.equal(await page.locator("[data-page-notice] *").count(), 0, "the notice is text, not HTML");
    }
    assert.equal(await page.locator("img, script:not([src])").count(), 0, `nothing injected by ?${query}`);
    await assertNoNonFinite(page);
    assert.deepEqual(errors, [], `no console error for ?${query}`);
  }
  await context.close();
});

test("in a sandboxed iframe on another origin the widget works and sizes itself", async () => {
  const snippet = (await readFile(join(DIST, "embed", "snippet.html"), "utf8"))
    .replaceAll("BASE", env.server.origin)
    .replace("widget=lr-compare&lr2=1.5&steps=20", "widget=descent&lr=0.3")
    .replace("height: 760px", "height: 300px");
  const host = await serve(DIST, {
    pages: {
      "/post.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>A blog post</title><p>Before.</p>${snippet}<p>After.</p>`,
    },
  });
  const s = await open(env.browser, host.origin, "/post.html", { waitReady: false, origins: [host.origin, env.server.origin] });
  const frame = s.page.frameLocator("iframe[data-downhill]");
  await frame.locator("html[data-ready='true']").waitFor({ state: "attached" });
  const iframe = s.page.locator("iframe[data-downhill]");
  await s.page.waitForFunction(() => document.querySelector("iframe").getBoundingClientRect().height > 600);
  // The content may still settle (fonts, first frames); the frame follows it.
  let frameHeight = 0;
  let contentHeight = -1;
  for (let i = 0; i < 50 && Math.abs(frameHeight - contentHeight) > 2; i++) {
    if (i) await s.page.waitForTimeout(100);
    frameHeight = (await iframe.boundingBox()).height;
    contentHeight = await frame.locator("html").evaluate((el) => el.getBoundingClientRect().height);
  }
  assert.ok(Math.abs(frameHeight - contentHeight) <= 2, `frame ${frameHeight}px for content ${contentHeight}px: no inner scrollbar`);
  // Reach the widget inside the frame.
  await frame.locator('[data-control="step"]').click();
  assert.equal(await frame.locator('[data-readout="w"]').innerText(), "1.8000");
  assert.equal(await frame.locator("[data-widget]").count(), 1);
  s.assertClean();
  await s.context.close();
  await host.close();
});

test("the built page carries a strict CSP and nothing violates it", async () => {
  // Read from the DOM, not the file: the built HTML is minified.
  const s = await open(env.browser, env.server.origin, "/?lang=zh&theme=dark");
  const csp = await s.page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content,
  );
  assert.ok(csp, "CSP meta present");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(await s.page.locator("script:not([src])").count(), 0, "no inline script");
  // Exercise every widget once; any violation is logged as a console error.
  for (const name of ["descent", "lr-compare"]) await widget(s.page, name).control("step").click();
  await widget(s.page, "backprop").control("next").click();
  await s.page.locator('[data-page="help"]').click();
  await s.page.keyboard.press("Escape");
  s.assertClean();
  await s.context.close();
});

test("keys drive the widgets", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  await d.root.locator("canvas").scrollIntoViewIfNeeded();
  await d.root.locator("h2").click(); // make the descent widget the one keys act on
  const key = (k) => s.page.keyboard.press(k);
  await key("ArrowRight");
  await key("PageDown");
  assert.equal(await d.value("t"), 2);
  await key("ArrowLeft");
  assert.equal(await d.value("t"), 1);
  await key("PageUp");
  assert.equal(await d.value("t"), 0);
  await key("4");
  assert.equal(await d.control("lr").inputValue(), "1.5");
  await key("[");
  assert.equal(await d.control("lr").inputValue(), "0.75");
  await key("]");
  await key("]");
  assert.equal(await d.control("lr").inputValue(), "3");
  await key("1");
  assert.equal(await d.control("lr").inputValue(), "0.03");
  await key("+");
  assert.equal(await d.control("speed").inputValue(), "2");
  await key("-");
  await key("-");
  assert.equal(await d.control("speed").inputValue(), "0.5");
  await key(" ");
  assert.equal(await d.state(), "running");
  await key(" ");
  assert.equal(await d.state(), "paused");
  await key("r");
  assert.equal(await d.state(), "idle");
  await key("?");
  assert.ok(await s.page.locator("dialog[data-help]").isVisible(), "the help overlay lists the keys");
  assert.match(await s.page.locator("dialog[data-help]").innerText(), /PageDown/);
  await key("Escape");
  assert.equal(await s.page.locator("dialog[data-help]").isVisible(), false);
  // Keys in a number field type into it, they do not drive the widget.
  await d.control("lr").focus();
  await key("4");
  assert.equal(await d.value("t"), 0);
  s.assertClean();
  await s.context.close();
});

test("?lang=zh speaks the post's language, in the page and on the canvas", async () => {
  const s = await open(env.browser, env.server.origin, "/?lang=zh");
  assert.equal(await s.page.evaluate(() => document.documentElement.lang), "zh-CN");
  const d = widget(s.page, "descent");
  assert.match(await d.root.locator("h2").innerText(), /第二章/);
  assert.equal(await d.control("step").innerText(), "单步");
  assert.match(await widget(s.page, "lr-compare").root.locator("h2").innerText(), /学习率/);
  assert.match(await s.page.locator("dl.readouts").first().innerText(), /损失/);
  // A refused η is explained in Chinese too.
  await d.control("lr").fill("-1");
  await d.control("lr").press("Enter");
  assert.match(await d.root.locator("[data-notice]").innerText(), /学习率 η 必须大于 0/);
  // The toggle switches back to English.
  await s.page.locator('[data-page="lang"]').click();
  assert.equal(await d.control("step").innerText(), "Step");
  s.assertClean();
  await s.context.close();
});

test("no translation key ever shows as text, in either language or after switching", async () => {
  // Keys look like "gpt.train" or "bp.stage.3"; a page showing one has lost a string.
  const keyLike = /(^|[\s(])(page|ui|loss|descent|lab|bp|gpt|phase|badge)\.[a-z][a-z0-9.]*/m;
  for (const query of ["/", "/?lang=zh"]) {
    const s = await open(env.browser, env.server.origin, query);
    await s.page.waitForFunction(() => /\d/.test(document.querySelector("[data-widget=microgpt] [data-corpus]").textContent));
    for (let round = 0; round < 2; round++) {
      const text = await s.page.evaluate(() => document.body.innerText);
      assert.doesNotMatch(text, keyLike, `${query}, round ${round}`);
      await s.page.locator('[data-page="lang"]').click();
    }
    s.assertClean();
    await s.context.close();
  }
});

test("dark theme: ?theme=dark paints the canvases dark", async () => {
  const s = await open(env.browser, env.server.origin, "/?theme=dark");
  assert.equal(await s.page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await s.page.waitForTimeout(100);
  const corner = await s.page.evaluate(() => {
    const c = document.querySelector("[data-widget=descent] canvas");
    return [...c.getContext("2d").getImageData(2, 2, 1, 1).data].slice(0, 3);
  });
  assert.ok(corner.every((v) => v < 60), `dark canvas background, got ${corner}`);
  s.assertClean();
  await s.context.close();
});

// Every interactive element inside the viewport's width, and no two controls
// of one group overlapping.
async function assertLayout(page, scope) {
  const problems = await page.evaluate((sel) => {
    const out = [];
    const width = document.documentElement.clientWidth;
    const root = document.querySelector(sel) ?? document;
    for (const el of root.querySelectorAll("button, input, select, canvas, .readouts div")) {
      if (!el.getClientRects().length || el.closest("dialog")) continue;
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) out.push(`${el.tagName} ${el.dataset.control ?? ""} cut off: ${r.left}–${r.right} of ${width}`);
    }
    for (const group of root.querySelectorAll(".controls, .panel-controls, .readouts, .toolbar")) {
      const items = [...group.querySelectorAll("button, input, select, .readouts > div")].filter((e) => e.getClientRects().length);
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i].getBoundingClientRect();
          const b = items[j].getBoundingClientRect();
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
          if (overlap) out.push(`overlap: ${items[i].tagName}[${items[i].dataset.control ?? ""}] and ${items[j].tagName}[${items[j].dataset.control ?? ""}]`);
        }
      }
    }
    return out;
  }, scope);
  assert.deepEqual(problems, []);
}

test("a 375 px phone: nothing cut off or overlapping", async () => {
  const s = await open(env.browser, env.server.origin, "/", { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, hasTouch: true });
  await assertLayout(s.page, "body");
  assert.equal(await s.page.evaluate(() => document.documentElement.scrollWidth), 375, "no sideways scrolling");
  // A finger drag on the chart moves the ball (pointer events from touch).
  const d = widget(s.page, "descent");
  const canvas = d.root.locator("canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await s.page.touchscreen.tap(box.x + box.width * 0.8, box.y + box.height / 2);
  assert.ok((await d.value("w")) > 3, "the ball went to the right half");
  await screenshot(s.page, "phone-375.png");
  s.assertClean();
  await s.context.close();
});

test("presenter mode: one widget fills the screen with big controls", async () => {
  const s = await open(env.browser, env.server.origin, "/", { viewport: { width: 1280, height: 800 } });
  const d = widget(s.page, "descent");
  await d.root.locator("h2").click();
  await s.page.keyboard.press("f");
  assert.ok(await d.root.evaluate((el) => el.classList.contains("presenting")));
  const box = await d.root.boundingBox();
  assert.ok(box.width >= 1270 && box.height >= 790, "fills the window");
  const step = await d.control("step").boundingBox();
  assert.ok(step.height >= 48, `touch-sized controls (${step.height}px)`);
  await assertLayout(s.page, "[data-widget=descent]");
  // On a 1280×800 projector every readout is on screen without scrolling.
  const update = await d.root.locator('[data-readout="update"]').evaluate((el) => el.parentElement.getBoundingClientRect().bottom);
  assert.ok(update <= 800, `the last readout ends at ${update}px of 800`);
  await screenshot(s.page, "presenter.png", { fullPage: false });
  await s.page.keyboard.press("f");
  assert.equal(await d.root.evaluate((el) => el.classList.contains("presenting")), false);
  s.assertClean();
  await s.context.close();
});

test("presenter mode for every widget: its picture gets the room", async () => {
  const s = await open(env.browser, env.server.origin, "/", { viewport: { width: 1280, height: 800 } });
  // The main picture of each widget, and the share of the width it must get.
  const pictures = {
    descent: [".stage canvas", 0.55],
    backprop: [".stage canvas", 0.55],
    microgpt: [".stage canvas", 0.55],
    "lr-compare": ["[data-run] canvas", 0.25],
    optimizers: ["canvas[data-view]", 0.5],
    loss: [".loss-part canvas", 0.4],
  };
  for (const [name, [selector, share]] of Object.entries(pictures)) {
    const w = widget(s.page, name);
    await w.root.locator("h2").click();
    await s.page.keyboard.press("f");
    assert.ok(await w.root.evaluate((el) => el.classList.contains("presenting")), name);
    await s.page.waitForTimeout(100); // the canvases follow their new size on the next frame
    for (const canvas of await w.root.locator(selector).all()) {
      const box = await canvas.boundingBox();
      assert.ok(box.width >= 1280 * share, `${name}: picture ${box.width}px wide, want ≥ ${1280 * share}`);
      assert.ok(box.y + box.height <= 800, `${name}: picture on screen (bottom ${box.y + box.height})`);
    }
    await assertLayout(s.page, `[data-widget=${name}]`);
    await screenshot(s.page, `presenter-${name}.png`, { fullPage: false });
    await s.page.keyboard.press("f");
  }
  s.assertClean();
  await s.context.close();
});

test("presenter mode on a projector, 16:10 and 4:3: picture, controls and every readout without scrolling", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
    const s = await open(env.browser, env.server.origin, "/", { viewport });
    for (const name of ["descent", "lr-compare", "optimizers", "backprop"]) {
      const w = widget(s.page, name);
      await w.root.locator("h2").click();
      await s.page.keyboard.press("f");
      await s.page.waitForTimeout(150);
      // Everything a lecturer points at: canvases, readouts, and the buttons
      // and inputs that drive the widget (backprop's input fields and the
      // per-step table are set-up and history, not the show).
      const below = await w.root.evaluate((root) => {
        const selector = "canvas, [data-readout], .controls:not([data-i18n-label='bp.inputs']) :is(button, input, select)";
        return [...root.querySelectorAll(selector)]
          .filter((el) => el.getClientRects().length && !el.closest(".steps, .results"))
          .map((el) => ({ what: el.dataset.readout ?? el.dataset.control ?? el.tagName, bottom: el.getBoundingClientRect().bottom }))
          .filter((x) => x.bottom > innerHeight + 1);
      });
      assert.deepEqual(below, [], `${name} at ${viewport.width}×${viewport.height}: all on screen`);
      await assertLayout(s.page, `[data-widget=${name}]`);
      await screenshot(s.page, `presenter-${name}-${viewport.width}.png`, { fullPage: false });
      await s.page.keyboard.press("f");
    }
    s.assertClean();
    await s.context.close();
  }
});

test("the built site works from a sub-path", async () => {
  const sub = await serve(DIST, { prefix: "/ai-blog/downhill/" });
  const s = await open(env.browser, sub.origin, "/ai-blog/downhill/?lr=0.3&steps=1");
  assert.equal(await widget(s.page, "descent").text("w"), "1.8000");
  assert.ok(sub.requests.every((p) => p.startsWith("/ai-blog/downhill/")), `every request stays under the sub-path: ${sub.requests}`);
  s.assertClean();
  await s.context.close();
  await sub.close();
});

test("playing pauses when scrolled out of view and resumes where it was", async () => {
  const s = await open(env.browser, env.server.origin, "/?speed=16");
  const d = widget(s.page, "descent");
  await d.control("play").click();
  await s.page.waitForFunction(() => Number(document.querySelector('[data-widget=descent] [data-readout="t"]').dataset.value) >= 3);
  await widget(s.page, "backprop").root.scrollIntoViewIfNeeded();
  await s.page.waitForTimeout(200);
  const away = await d.value("t");
  await s.page.waitForTimeout(600);
  assert.equal(await d.value("t"), away, "no steps while out of view");
  assert.equal(await d.state(), "running", "still playing");
  await d.root.scrollIntoViewIfNeeded();
  await s.page.waitForFunction((t) => Number(document.querySelector('[data-widget=descent] [data-readout="t"]').dataset.value) > t, away);
  const t = await d.value("t");
  assert.ok(t <= away + 4, `resumed where it was (${away} → ${t}), no burst`);
  s.assertClean();
  await s.context.close();
});
