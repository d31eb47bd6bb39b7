// The descent widget in real Chromium, driven as a reader would: clicks, drags,
// keys. Every test fails on a console error or a request that leaves the origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot, findColour } from "./support.mjs";

const BALL = [230, 97, 1]; // the ball's colour in the light palette (crate/src/render/mod.rs)

// The post's 实验二 table, computed here independently of the Rust core.
function postRows(n, w0 = 0, lr = 0.1) {
  const rows = [];
  let w = w0;
  for (let t = 1; t <= n; t++) {
    const g = 2 * (w - 3);
    w = w - lr * g;
    rows.push([String(t), w.toFixed(4), ((w - 3) ** 2 + 1).toFixed(4), g.toFixed(4)]);
  }
  return rows;
}

const frames = (page, n = 2) =>
  page.evaluate((k) => new Promise((done) => {
    const next = (i) => (i ? requestAnimationFrame(() => next(i - 1)) : done());
    next(k);
  }), n);

const env = suite();

test("loads clean in the post's starting state", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  assert.equal(await d.text("t"), "0");
  assert.equal(await d.text("w"), "0.0000");
  assert.equal(await d.text("loss"), "10.0000");
  assert.equal(await d.text("grad"), "-6.0000");
  assert.equal(await d.text("update"), "-0.6000");
  assert.equal(await d.state(), "idle");
  assert.equal(await d.control("lr").inputValue(), "0.1");
  await frames(s.page);
  const ball = await findColour(s.page, "[data-widget=descent] canvas", BALL, 30);
  assert.ok(ball.n > 50, "the ball is drawn");
  await screenshot(s.page, "descent.png");
  s.assertClean();
  await s.context.close();
});

test("eight fast Step clicks show the post's eight rows at once", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  for (let i = 0; i < 8; i++) await d.control("step").click();
  // No waiting: the readouts answer each click immediately.
  assert.equal(await d.text("t"), "8");
  assert.equal(await d.text("w"), "2.4967");
  assert.equal(await d.text("loss"), "1.2533");
  let w8 = 0;
  for (let i = 0; i < 8; i++) w8 -= 0.1 * 2 * (w8 - 3);
  assert.equal(await d.value("w"), w8, "data-value carries the full-precision w");
  const table = await s.page.$$eval("[data-widget=descent] [data-rows] tr", (trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.textContent)),
  );
  assert.deepEqual(table, postRows(8));
  assert.deepEqual(table.map((r) => r[1]), ["0.6000", "1.0800", "1.4640", "1.7712", "2.0170", "2.2136", "2.3709", "2.4967"]);
  await assertNoNonFinite(s.page);
  s.assertClean();
  await s.context.close();
});

test("η = 1.5 diverges: badge after 5 steps, then diverged, and the page still answers", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  await d.root.locator('[data-preset="1.5"]').click();
  assert.equal(await d.control("lr").inputValue(), "1.5");
  for (let i = 0; i < 5; i++) await d.control("step").click();
  assert.equal(await d.root.getAttribute("data-diverging"), "true");
  await assert.doesNotReject(d.root.locator("[data-badge]").waitFor({ state: "visible" }));
  assert.match(await d.root.locator("[data-badge]").innerText(), /Diverging/);
  await assertNoNonFinite(s.page);

  // Keep pressing Step (keyboard, as fast as the browser takes it) until it overflows.
  await d.control("step").focus();
  let presses = 0;
  while ((await d.state()) !== "diverged") {
    for (let i = 0; i < 25; i++) await s.page.keyboard.press("Enter");
    presses += 25;
    assert.ok(presses < 1200, "η = 1.5 overflows near step 512");
  }
  assert.equal(await d.state(), "diverged");
  assert.match(await d.root.locator("[data-badge]").innerText(), /Diverged/);
  await assertNoNonFinite(s.page);
  const t = await d.value("t");
  assert.ok(t > 400 && t < 600, `diverged at t=${t}`);
  await s.page.waitForTimeout(700); // let the picture catch up before the screenshot
  await screenshot(s.page, "descent-diverged.png");

  // Still responsive: a preset and Reset bring it back.
  await d.root.locator('[data-preset="0.3"]').click();
  await d.control("reset").click();
  assert.equal(await d.state(), "idle");
  assert.equal(await d.text("w"), "0.0000");
  await d.control("step").click();
  assert.equal(await d.text("w"), "1.8000");
  await assertNoNonFinite(s.page);
  s.assertClean();
  await s.context.close();
});

test("a bad η is refused in words and nothing breaks", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  const notice = d.root.locator("[data-notice]");
  await d.control("lr").fill("-1");
  await d.control("lr").press("Enter");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /greater than 0/);
  assert.equal(await d.control("lr").getAttribute("aria-invalid"), "true");
  await d.control("step").click();
  assert.equal(await d.text("w"), "0.6000", "the old η = 0.1 still applies");

  await d.control("lr").fill("");
  await d.control("lr").press("Enter");
  assert.match(await notice.innerText(), /must be a number/);

  await d.control("lr").fill("0.3");
  await d.control("lr").press("Enter");
  await notice.waitFor({ state: "hidden" });
  await d.control("step").click();
  // w = 0.6 − 0.3 · 2(0.6 − 3) = 2.04: η changed from the next step, no reset.
  assert.equal(await d.text("w"), "2.0400");
  assert.equal(await d.text("t"), "2");
  await assertNoNonFinite(s.page);
  s.assertClean();
  await s.context.close();
});

test("dragging the start slider moves the ball's start", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  await d.control("step").click();
  const slider = d.control("w0");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const at = (f) => box.x + 8 + f * (box.width - 16); // thumb travel inside the track
  await s.page.mouse.move(at(1 / 3), y);
  await s.page.mouse.down();
  await s.page.mouse.move(at(0.6), y, { steps: 5 });
  await s.page.mouse.move(at(0.8), y, { steps: 5 });
  await s.page.mouse.up();
  const w0 = Number(await slider.inputValue());
  assert.ok(Math.abs(w0 - 7) < 0.5, `slider at ${w0}`);
  assert.equal(await d.value("w"), w0, "w follows the slider");
  assert.equal(await d.value("t"), 0, "a new start resets");
  assert.equal(await d.value("loss"), (w0 - 3) ** 2 + 1);
  s.assertClean();
  await s.context.close();
});

test("a click on the chart places the ball there (HiDPI)", async () => {
  const s = await open(env.browser, env.server.origin, "/", { deviceScaleFactor: 2, reducedMotion: "reduce" });
  const d = widget(s.page, "descent");
  const canvas = d.root.locator("canvas");
  const box = await canvas.boundingBox();
  const clicks = [0.3, 0.55, 0.8].map((f) => ({ x: Math.round(box.width * f), y: Math.round(box.height * 0.4) }));
  const ws = [];
  for (const c of clicks) {
    await canvas.click({ position: c });
    await frames(s.page, 3);
    ws.push(await d.value("w"));
    assert.equal(await d.value("t"), 0);
    const ball = await findColour(s.page, "[data-widget=descent] canvas", BALL, 30);
    assert.ok(ball.n > 100, "ball drawn");
    assert.ok(Math.abs(ball.x - c.x) < 2, `ball drawn at x=${ball.x.toFixed(1)}, clicked at ${c.x.toFixed(1)}`);
  }
  // Pixel → w is one straight line: the third click lies on the line through
  // the first two, to within a quarter of a CSS pixel.
  const slope = (i, j) => (ws[j] - ws[i]) / (clicks[j].x - clicks[i].x);
  assert.ok(slope(0, 1) > 0);
  const predicted = ws[0] + slope(0, 1) * (clicks[2].x - clicks[0].x);
  assert.ok(Math.abs(predicted - ws[2]) < 0.25 * slope(0, 1), `w ${ws[2]} vs line ${predicted}`);

  // One step from the last click lands where the line says w′ = w − 0.1·2(w − 3) is.
  const w = ws[2];
  const w1 = w - 0.1 * 2 * (w - 3);
  await d.control("step").click();
  await frames(s.page, 3);
  assert.equal(await d.value("w"), w1);
  const ball = await findColour(s.page, "[data-widget=descent] canvas", BALL, 30);
  const expectedX = clicks[2].x + (w1 - w) / slope(1, 2);
  assert.ok(Math.abs(ball.x - expectedX) < 2, `ball at ${ball.x.toFixed(1)}, expected ${expectedX.toFixed(1)}`);
  await screenshot(s.page, "descent-hidpi.png");
  s.assertClean();
  await s.context.close();
});

test("play runs on its own and pause stops it", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  await d.control("speed").selectOption("16");
  await d.control("play").click();
  assert.equal(await d.state(), "running");
  await s.page.waitForFunction(() => Number(document.querySelector('[data-readout="t"]').dataset.value) >= 5);
  await d.control("play").click();
  assert.equal(await d.state(), "paused");
  const t = await d.value("t");
  await s.page.waitForTimeout(300);
  assert.equal(await d.value("t"), t, "paused means no more steps");
  s.assertClean();
  await s.context.close();
});

test("every control works from the keyboard", async () => {
  const s = await open(env.browser, env.server.origin);
  const d = widget(s.page, "descent");
  await d.control("step").focus();
  await s.page.keyboard.press("Space");
  assert.equal(await d.value("t"), 1);
  // Tab order reaches the η slider; End takes it to η = 2.
  await d.control("lr-slider").focus();
  await s.page.keyboard.press("End");
  assert.equal(await d.control("lr").inputValue(), "2");
  await s.page.keyboard.press("Home");
  assert.equal(await d.control("lr").inputValue(), "0.001");
  // Arrow keys step η to the next round value.
  await s.page.keyboard.press("ArrowRight");
  assert.equal(await d.control("lr").inputValue(), "0.0011");
  await s.page.keyboard.press("ArrowLeft");
  await s.page.keyboard.press("ArrowLeft");
  assert.equal(await d.control("lr").inputValue(), "0.001", "never below the slider's end");
  await d.control("w0").focus();
  await s.page.keyboard.press("ArrowRight");
  assert.equal(await d.value("w"), 0.1);
  const live = await d.root.locator("[aria-live]").count();
  assert.ok(live >= 1, "readouts are announced");
  const focusVisible = await d.control("w0").evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(focusVisible, "none", "focus is visible");
  s.assertClean();
  await s.context.close();
});

test("if the wasm cannot load, the widget says so in words", async () => {
  const s = await open(env.browser, env.server.origin, "/", {
    waitReady: false,
    before: (page) => page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "gone" })),
  });
  const message = s.page.locator("[data-widget=descent] .fatal");
  await message.waitFor({ state: "visible" });
  assert.match(await message.innerText(), /stopped working/);
  assert.equal(await s.page.locator("[data-widget=descent] canvas").count(), 0);
  await s.context.close();
});
