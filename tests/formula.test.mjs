// A loss the reader types, in real Chromium: the field, the numbers it gives
// against the same maths done here, a refused formula said with its column
// while the previous landscape keeps working, links with f=, and a run that
// leaves the formula's domain.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot } from "./support.mjs";

const env = suite();

/** Steps of w ← w − η·L′(w) from w0, with L′ written out here by hand. */
function descend(grad, w0, lr, n) {
  let w = w0;
  for (let t = 0; t < n; t++) w -= lr * grad(w);
  return w;
}

const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test("type a formula, step, and read the same numbers as the maths", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const d = widget(s.page, "descent");
  const field = d.control("formula");
  assert.equal(await field.isVisible(), false, "hidden until asked for");
  await d.control("landscape").selectOption("formula");
  assert.equal(await field.isVisible(), true);
  assert.equal(await field.inputValue(), "(w − 3)² + 1", "it starts from the landscape shown");
  await field.fill("w^4/4 - w^2 + 0.3w + 2");
  await field.press("Enter");
  assert.equal(await d.readout("formula").innerText(), "L(w) = w^4/4 - w^2 + 0.3w + 2");
  assert.equal(await d.readout("formula").getAttribute("data-value"), "formula");
  const w0 = await d.value("w");
  assert.ok(w0 > -3 && w0 < -2, `a typed formula starts up the hill left of its valleys (${w0})`);
  await d.control("w0").fill("2");
  for (let i = 0; i < 12; i++) await d.control("step").click();
  const grad = (w) => w ** 3 - 2 * w + 0.3;
  const w = descend(grad, 2, 0.1, 12);
  close(await d.value("w"), w, "w after 12 steps");
  close(await d.value("loss"), w ** 4 / 4 - w ** 2 + 0.3 * w + 2, "L");
  close(await d.value("grad"), grad(w), "L′, exact");
  await s.page.waitForFunction(() => new URLSearchParams(location.search).get("f") === "w^4/4 - w^2 + 0.3w + 2");
  await assertNoNonFinite(s.page);
  await screenshot(s.page, "formula-typed.png", { fullPage: false });
  s.assertClean();
});

test("a formula that does not parse is refused at its column, in both languages, and the previous one keeps working", async () => {
  const full = await open(env.browser, env.server.origin, "/");
  const f = widget(full.page, "descent");
  await f.control("landscape").selectOption("formula");
  const field = f.control("formula");
  await field.fill("(w - 1)^2 + 1");
  await field.press("Enter");
  await field.fill("w + sinn(w)");
  await field.press("Enter");
  const notice = f.root.locator("[data-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /Unknown function ‘sinn’ at column 5/);
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.equal(await f.readout("formula").innerText(), "L(w) = (w - 1)^2 + 1", "the previous landscape stays");
  assert.equal(await field.inputValue(), "w + sinn(w)", "the reader's text stays to be fixed");
  const w0 = await f.value("w");
  await f.control("step").click();
  close(await f.value("w"), descend((w) => 2 * (w - 1), w0, 0.1, 1), "it still steps");
  assert.equal(await field.inputValue(), "(w - 1)^2 + 1", "then the field shows the formula in force");
  // Too long, too deep, another variable: each its own sentence.
  for (const [text, said] of [
    ["w" + " + 1".repeat(50), /201 characters long; at most 200/],
    ["(".repeat(33) + "w" + ")".repeat(33), /Nested too deeply at column 33/],
    ["x^2", /the only variable is w/],
    // It parses, but is defined nowhere a ball could start.
    ["sqrt(w - 10)", /L is not defined at w₀ = /],
  ]) {
    await field.fill(text);
    await field.press("Enter");
    assert.match(await notice.innerText(), said);
    assert.equal(await f.readout("formula").innerText(), "L(w) = (w - 1)^2 + 1", `still the previous landscape after ${text}`);
  }
  // In Chinese.
  await full.page.locator("[data-page=lang]").click();
  await field.fill("w + sinn(w)");
  await field.press("Enter");
  assert.match(await notice.innerText(), /第 5 列的函数“sinn”未知/);
  await assertNoNonFinite(full.page);
  full.assertClean();
});

test("a link with f= reproduces the run, in an embed and in the lab; a bad f= is refused in words", async () => {
  const text = "(w - 1)^2 + sin(3w)";
  const grad = (w) => 2 * (w - 1) + 3 * Math.cos(3 * w);
  const e = await open(env.browser, env.server.origin, `/?widget=descent&f=${encodeURIComponent(text)}&w0=-2&lr=0.05&steps=30`);
  const d = widget(e.page, "descent");
  assert.equal(await d.text("t"), "30");
  close(await d.value("w"), descend(grad, -2, 0.05, 30), "the embed's w");
  assert.match(await e.page.locator("[data-widget=descent] .lede").textContent(), /L\(w\) = \(w - 1\)\^2 \+ sin\(3w\)/);
  const l = await open(env.browser, env.server.origin, `/?widget=lr-compare&f=${encodeURIComponent(text)}&w0=-2&steps=5`);
  const lab = widget(l.page, "lr-compare");
  for (const [i, lr] of [0.03, 0.3, 1.5].entries()) {
    const shown = Number(await lab.root.locator(`[data-run="${i}"] [data-readout="w"]`).getAttribute("data-value"));
    const w = descend(grad, -2, lr, 5);
    assert.ok(Math.abs(shown - w) <= 1e-9 * Math.max(1, Math.abs(w)), `run ${i}: ${shown} vs ${w}`);
  }
  const bad = await open(env.browser, env.server.origin, `/?f=${encodeURIComponent("w^2 + cosh(w)")}`);
  const notice = bad.page.locator("[data-page-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /Unknown function ‘cosh’ at column 7/);
  assert.equal(await widget(bad.page, "descent").control("landscape").inputValue(), "bowl");
  e.assertClean();
  l.assertClean();
  bad.assertClean();
});

test("a run that leaves the formula's domain stops and says so", async () => {
  // L = √w + w slopes up everywhere: from w0 = 1 with η = 0.5 the ball goes
  // to 0.25, then to 0.25 − 0.5·(1/(2·0.5) + 1) = −0.75, where √w is not defined.
  const s = await open(env.browser, env.server.origin, `/?widget=descent&f=${encodeURIComponent("sqrt(w) + w")}&w0=1&lr=0.5`);
  const d = widget(s.page, "descent");
  await d.control("step").click();
  close(await d.value("w"), 0.25, "first step");
  await d.control("step").click();
  assert.equal(await d.root.getAttribute("data-state"), "out-of-domain");
  assert.equal(await d.text("t"), "1", "the step was not taken");
  assert.match(await d.root.locator("[data-badge]").innerText(), /leave the domain of L/);
  assert.equal(await d.control("step").isDisabled(), true);
  await assertNoNonFinite(s.page);
  s.assertClean();
});
