// Several balls on one landscape, and the stability of the valley each is
// heading to, in real Chromium: the double well's two-ball scene, "+ Ball" by
// pointer and by keyboard, a ball's own start slider, drag, remove, links
// with w0b / w0c / balls, the stuck sentence, and the lab's per-valley colours.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot } from "./support.mjs";

const env = suite();

const dwGrad = (w) => w ** 3 - 2 * w + 0.3;
const dwLoss = (w) => w ** 4 / 4 - w ** 2 + 0.3 * w + 2;
function descend(grad, w0, lr, n) {
  let w = w0;
  for (let t = 0; t < n; t++) w -= lr * grad(w);
  return w;
}
/** A root of the double well's L′ by Newton's method from `w`. */
function valley(w) {
  for (let i = 0; i < 60; i++) w -= dwGrad(w) / (3 * w * w - 2);
  return w;
}
const ballValue = (d, b, name) => d.root.locator(`[data-ball="${b}"] [data-ball-readout="${name}"]`).getAttribute("data-value").then(Number);

test("the double well's scene: two balls, one η, two valleys, and the one in the shallower valley says it is stuck", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent&landscape=double-well&steps=200", { viewport: { width: 700, height: 900 } });
  const d = widget(s.page, "descent");
  assert.equal(await d.root.locator("[data-balls]").isVisible(), true);
  assert.equal(await d.root.locator('[data-ball="b"]').isVisible(), true);
  assert.equal(await d.root.locator('[data-ball="c"]').isVisible(), false);
  const [a, b] = [descend(dwGrad, 2, 0.1, 200), descend(dwGrad, -0.5, 0.1, 200)];
  assert.ok(Math.abs((await ballValue(d, "a", "w")) - a) < 1e-12);
  assert.ok(Math.abs((await ballValue(d, "b", "w")) - b) < 1e-12);
  assert.ok(Math.abs(a - valley(1.3)) < 1e-6 && Math.abs(b - valley(-1.5)) < 1e-6, "two valleys");
  // Each row's threshold is 2/L″(w*) of its own valley, L″ = 3w² − 2.
  const threshold = (w) => 2 / (3 * w * w - 2);
  assert.ok(Math.abs((await ballValue(d, "a", "threshold")) - threshold(valley(1.3))) < 1e-9);
  assert.ok(Math.abs((await ballValue(d, "b", "threshold")) - threshold(valley(-1.5))) < 1e-9);
  const line = d.root.locator(".stability");
  assert.equal(
    await line.innerText(),
    `Ball A is stuck in a local minimum, L = ${dwLoss(valley(1.3)).toFixed(4)}; the lowest in view is L = ${dwLoss(valley(-1.5)).toFixed(4)}.`,
  );
  await screenshot(s.page, "balls-double-well-700.png");
  await assertNoNonFinite(s.page);
  s.assertClean();
});

test("+ Ball by pointer places ball B where the reader clicks; a drag moves the nearest ball; ✕ removes it", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent", { viewport: { width: 700, height: 900 } });
  const d = widget(s.page, "descent");
  const canvas = d.root.locator("canvas");
  await d.control("add-ball").click();
  assert.equal(await d.control("add-ball").getAttribute("aria-pressed"), "true");
  assert.match(await d.control("add-ball").innerText(), /Click the chart to place ball B/);
  const box = await canvas.boundingBox();
  await canvas.click({ position: { x: box.width * 0.8, y: box.height * 0.5 } });
  assert.equal(await d.control("add-ball").getAttribute("aria-pressed"), "false");
  assert.equal(await d.root.locator('[data-ball="b"]').isVisible(), true);
  const w0b = await ballValue(d, "b", "w0");
  assert.ok(w0b > 3 && w0b < 7, `B lands right of the valley (${w0b})`);
  assert.equal(await ballValue(d, "a", "w0"), 0, "A stays");
  for (let i = 0; i < 3; i++) await d.control("step").click();
  const closed = (w0) => 3 + (1 - 2 * 0.1) ** 3 * (w0 - 3);
  assert.ok(Math.abs((await ballValue(d, "b", "w")) - closed(w0b)) < 1e-12);
  assert.ok(Math.abs((await ballValue(d, "a", "w")) - closed(0)) < 1e-12);
  // A drag that starts near B moves B, and the race starts over.
  await s.page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5);
  await s.page.mouse.down();
  await s.page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 4 });
  await s.page.mouse.up();
  assert.ok((await ballValue(d, "b", "w0")) < w0b, "B moved left");
  assert.equal(await ballValue(d, "a", "w0"), 0);
  assert.equal(await d.text("t"), "0");
  await d.root.locator('[data-ball="b"] [data-control="remove-ball"]').click();
  assert.equal(await d.root.locator("[data-balls]").isVisible(), false, "one ball: the plain readouts again");
  assert.equal(await d.root.locator(".readouts").isVisible(), true);
  s.assertClean();
});

test("+ Ball from the keyboard adds a ball at once; its own slider moves it; the address keeps every start", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const d = widget(s.page, "descent");
  await d.control("add-ball").focus();
  await s.page.keyboard.press("Enter");
  assert.equal(await d.root.locator('[data-ball="b"]').isVisible(), true);
  assert.equal(await ballValue(d, "b", "w0"), 6, "across the valley from A (w* = 3, w0 = 0)");
  await s.page.keyboard.press("Enter");
  assert.equal(await d.root.locator('[data-ball="c"]').isVisible(), true);
  assert.equal(await d.control("add-ball").isDisabled(), true, "three is the most");
  await d.control("w0c").fill("-2");
  assert.equal(await ballValue(d, "c", "w0"), -2);
  await s.page.waitForFunction(() => {
    const q = new URLSearchParams(location.search);
    return q.get("w0b") === "6" && q.get("w0c") === "-2" && q.get("balls") === "3";
  });
  // The link reproduces the three balls.
  const link = new URLSearchParams(await s.page.evaluate(() => location.search));
  link.set("widget", "descent");
  link.set("steps", "2");
  const again = await open(env.browser, env.server.origin, `/?${link}`);
  const e = widget(again.page, "descent");
  for (const [b, w0] of [["a", 0], ["b", 6], ["c", -2]]) {
    assert.ok(Math.abs((await ballValue(e, b, "w")) - (3 + 0.8 ** 2 * (w0 - 3))) < 1e-12, `ball ${b}`);
  }
  s.assertClean();
  again.assertClean();
});

test("links: w0b adds ball B; balls=1 keeps the double well to one ball; a bad one is said", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent&w0b=5&lr=0.3&steps=4");
  const d = widget(s.page, "descent");
  assert.ok(Math.abs((await ballValue(d, "b", "w")) - (3 + 0.4 ** 4 * 2)) < 1e-12);
  const one = await open(env.browser, env.server.origin, "/?widget=descent&landscape=double-well&balls=1");
  assert.equal(await widget(one.page, "descent").root.locator("[data-balls]").isVisible(), false);
  const bad = await open(env.browser, env.server.origin, "/?widget=descent&balls=9");
  await bad.page.locator("[data-page-notice]").waitFor({ state: "visible" });
  assert.match(await bad.page.locator("[data-page-notice]").innerText(), /balls/);
  s.assertClean();
  one.assertClean();
  bad.assertClean();
});

test("one ball: L″ at the ball and the valley's threshold, marked when η is past it", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent");
  const d = widget(s.page, "descent");
  const line = d.root.locator(".stability");
  assert.equal(await line.innerText(), "curvature L″(w) = 2.0000 · valley w* = 3.0000 is stable for η < 2/L″(w*) = 1.0000 (η = 0.1 ✓)");
  assert.equal(await d.value("threshold"), 1);
  assert.equal(await d.value("curvature"), 2);
  await d.control("lr").fill("1.5");
  await d.control("lr").press("Enter");
  assert.match(await line.innerText(), /\(η = 1\.5 ✗\)$/);
  assert.equal(await line.getAttribute("data-stable"), "false");
  // In Chinese.
  const zh = await open(env.browser, env.server.origin, "/?widget=descent&lang=zh&landscape=cliff");
  const c = widget(zh.page, "descent");
  const w = await c.value("w");
  assert.match(await c.root.locator(".stability").innerText(), /^曲率 L″\(w\) = \d+\.\d{4} · 山谷 w\* = \d\.\d{4} 在 η < 2\/L″\(w\*\) = \d+\.\d{4} 时稳定/);
  assert.ok(Math.abs((await c.value("curvature")) - (0.04 + 45 * Math.exp(-3 * w))) < 1e-9);
  s.assertClean();
  zh.assertClean();
});

test("the lab's slider colours follow the valley each run is heading to", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=lr-compare&landscape=double-well");
  const lab = widget(s.page, "lr-compare");
  const slider = lab.root.locator('[data-run="0"] [data-control="lr-slider"]');
  const [min, max] = [Number(await slider.getAttribute("min")), Number(await slider.getAttribute("max"))];
  const at = (lr) => (((Math.log10(lr) - min) / (max - min)) * 100).toFixed(2);
  const right = valley(1.3);
  const bounce = 2 / (3 * right * right - 2);
  const bands = await slider.evaluate((el) => el.style.getPropertyValue("--bands"));
  // "bounces" is a mark at 2/L″(w*) of the right valley (from w0 = 2), not the global one's.
  assert.ok(bands.includes(`${at(bounce)}%`), `${bands} has ${at(bounce)}%`);
  const global = valley(-1.5);
  assert.ok(!bands.includes(`${at(2 / (3 * global * global - 2))}%`));
  s.assertClean();
});
