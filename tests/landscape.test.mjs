// Landscapes beyond the post's bowl, in real Chromium: the picker, a link
// that names one, the lab following it, and a bad name refused in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot } from "./support.mjs";

const env = suite();

// The double well L(w) = w⁴/4 − w² + 0.3w + 2, computed here independently.
function doubleWell(w0, lr, n) {
  let w = w0;
  for (let t = 0; t < n; t++) w -= lr * (w ** 3 - 2 * w + 0.3);
  return w;
}

test("the picker switches the descent widget to the double well; two starts, two valleys", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const d = widget(s.page, "descent");
  await d.control("landscape").selectOption("double-well");
  assert.equal(await d.readout("formula").innerText(), "L(w) = w⁴/4 − w² + 0.3w + 2");
  assert.equal(await d.value("w"), 2, "the double well's default start");
  for (let i = 0; i < 40; i++) await d.control("step").click();
  assert.equal(await d.text("t"), "40");
  assert.ok(Math.abs((await d.value("w")) - doubleWell(2, 0.1, 40)) < 1e-12, "the right, shallower valley");
  await d.control("w0").fill("-0.5");
  for (let i = 0; i < 40; i++) await d.control("step").click();
  assert.ok(Math.abs((await d.value("w")) - doubleWell(-0.5, 0.1, 40)) < 1e-12, "the left, deeper valley");
  assert.ok((await d.value("w")) < -1.4);
  // The address keeps it.
  await s.page.waitForFunction(() => location.search.includes("landscape=double-well"));
  await assertNoNonFinite(s.page);
  await screenshot(s.page, "landscape-double-well.png", { fullPage: false });
  s.assertClean();
});

test("a link with landscape= reproduces the run, in an embed and in the lab", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent&landscape=bumpy&w0=-0.5&lr=0.05&steps=25");
  const d = widget(s.page, "descent");
  assert.equal(await d.readout("formula").getAttribute("data-value"), "bumpy");
  let w = -0.5;
  for (let t = 0; t < 25; t++) w -= 0.05 * (0.3 * (w - 3) + 1.8 * Math.sin(3 * (w - 3)));
  assert.ok(Math.abs((await d.value("w")) - w) < 1e-12);
  const lab = await open(env.browser, env.server.origin, "/?widget=lr-compare&landscape=cliff&steps=3&lang=zh");
  const l = widget(lab.page, "lr-compare");
  assert.equal(await l.control("landscape").inputValue(), "cliff");
  assert.equal(await l.text("t"), "3");
  assert.match(await l.root.locator(".lede").textContent(), /同一个地形 L\(w\) = 0\.02\(w − 4\)²/, "About this names the cliff, in Chinese");
  // Each run as the maths says: w ← w − η·(0.04(w − 4) − 15e^(−3w)) from w0 = 0.
  const lrs = [0.03, 0.3, 1.5];
  for (const [i, lr] of lrs.entries()) {
    let w = 0;
    for (let t = 0; t < 3; t++) w -= lr * (0.04 * (w - 4) - 15 * Math.exp(-3 * w));
    const shown = Number(await l.root.locator(`[data-run="${i}"] [data-readout="w"]`).getAttribute("data-value"));
    assert.ok(Math.abs(shown - w) < 1e-9 * Math.max(1, Math.abs(w)), `run ${i}: ${shown} vs ${w}`);
  }
  s.assertClean();
  lab.assertClean();
});

test("an unknown landscape in a link is refused in words and the bowl stays", async () => {
  const s = await open(env.browser, env.server.origin, "/?landscape=sinn&lang=zh");
  const notice = s.page.locator("[data-page-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /landscape/);
  assert.equal(await widget(s.page, "descent").control("landscape").inputValue(), "bowl");
  s.assertClean();
});

test("a start the landscape refuses is said, and the rest of the link still applies", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=lr-compare&landscape=cliff&w0=-300&lr0=0.5&steps=20");
  const lab = widget(s.page, "lr-compare");
  assert.equal(await lab.text("t"), "20", "the steps ran");
  assert.equal(await lab.root.locator('[data-run="0"] [data-control="lr"]').inputValue(), "0.5");
  await lab.root.locator("[data-notice]").waitFor({ state: "visible" });
  assert.match(await lab.root.locator("[data-notice]").innerText(), /too steep/);
  await assertNoNonFinite(s.page);
  s.assertClean();
});

test("on the full page the landscape in the address is the last-used widget's; an embed's About names it", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const lab = widget(s.page, "lr-compare");
  await lab.control("landscape").focus(); // as a reader's click does
  await lab.control("landscape").selectOption("cliff");
  await s.page.waitForFunction(() => location.search.includes("landscape=cliff"));
  await widget(s.page, "descent").control("step").click();
  await s.page.waitForFunction(() => !location.search.includes("landscape="), null, { timeout: 5000 });
  const e = await open(env.browser, env.server.origin, "/?widget=descent&landscape=double-well");
  const about = await e.page.locator("[data-widget=descent] .lede").textContent();
  assert.match(about, /w⁴\/4 − w² \+ 0\.3w \+ 2/);
  s.assertClean();
  e.assertClean();
});
