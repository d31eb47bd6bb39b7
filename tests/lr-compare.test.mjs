// The learning-rate lab in real Chromium: the post's 实验三 table after 20 shared
// steps, the log / linear toggle, and dragging the exploding run's η into the
// oscillating regime. Every test fails on a console error or an off-origin request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot, findColour } from "./support.mjs";

const RUN2 = [213, 94, 0]; // run C's colour (crate/src/render/mod.rs RUN_COLOURS)

// 实验三, computed here independently: w after n steps of w ← w − η·2(w − 3).
function stepsOf(n, lr, w0 = 0) {
  let w = w0;
  for (let i = 0; i < n; i++) w = w - lr * 2 * (w - 3);
  return { w, loss: (w - 3) ** 2 + 1 };
}

const env = suite();

function run(lab, i) {
  const root = lab.root.locator(`[data-run="${i}"]`);
  return {
    root,
    control: (c) => root.locator(`[data-control="${c}"]`),
    text: (r) => root.locator(`[data-readout="${r}"]`).innerText(),
    value: async (r) => root.locator(`[data-readout="${r}"]`).getAttribute("data-value"),
  };
}

test("twenty shared steps print the post's 实验三 table", async () => {
  const s = await open(env.browser, env.server.origin);
  const lab = widget(s.page, "lr-compare");
  await lab.root.scrollIntoViewIfNeeded();
  assert.deepEqual(
    await Promise.all([0, 1, 2].map((i) => run(lab, i).value("class"))),
    ["small", "right", "big"],
  );
  for (let i = 0; i < 20; i++) await lab.control("step").click();
  assert.equal(await lab.value("t"), 20);

  const want = [
    ["0.03", "2.1297", "1.7575"],
    ["0.3", "3.0000", "1.0000"],
    ["1.5", "-3145725.0000", "9895604649985.0000"],
  ];
  for (let i = 0; i < 3; i++) {
    const r = run(lab, i);
    assert.deepEqual([await r.text("lr"), await r.text("w"), await r.text("loss")], want[i], `run ${i}`);
    const exact = stepsOf(20, Number(want[i][0]));
    assert.equal(Number(await r.value("w")), exact.w, "data-value is the full-precision w");
    assert.equal(Number(await r.value("loss")), exact.loss);
    const row = await lab.root.locator(`[data-result="${i}"] td`).allInnerTexts();
    assert.deepEqual(row.slice(0, 3), want[i], `table row ${i}`);
  }
  assert.equal(await run(lab, 2).text("factor"), "2.00");
  assert.match(await run(lab, 0).text("class"), /太小/);
  assert.match(await run(lab, 1).text("class"), /刚好/);
  assert.match(await run(lab, 2).text("class"), /太大/);
  await assertNoNonFinite(s.page);
  await s.page.waitForTimeout(600);
  await screenshot(s.page, "lr-compare.png");
  s.assertClean();
  await s.context.close();
});

test("the loss chart switches to linear and back", async () => {
  const s = await open(env.browser, env.server.origin, "/", { reducedMotion: "reduce" });
  const lab = widget(s.page, "lr-compare");
  for (let i = 0; i < 20; i++) await lab.control("step").click();
  const chart = "[data-widget=lr-compare] [data-chart]";
  const scale = lab.control("scale");
  assert.equal(await scale.getAttribute("aria-pressed"), "true");
  await s.page.waitForTimeout(100);
  const logC = await findColour(s.page, chart, RUN2, 20);

  await scale.click();
  assert.equal(await scale.getAttribute("aria-pressed"), "false");
  assert.match(await scale.innerText(), /Linear/);
  await s.page.waitForTimeout(100);
  const linearC = await findColour(s.page, chart, RUN2, 20);
  // Run C grows ×4 a step: a straight climb on the log axis, but on the linear
  // axis it hugs the bottom until the last few steps shoot up.
  assert.ok(linearC.y > logC.y + 20, `run C's line: log y=${logC.y}, linear y=${linearC.y}`);
  await assertNoNonFinite(s.page);

  await scale.click();
  assert.equal(await scale.getAttribute("aria-pressed"), "true");
  await s.page.waitForTimeout(100);
  const again = await findColour(s.page, chart, RUN2, 20);
  assert.ok(Math.abs(again.y - logC.y) < 1, "back to the same log picture");
  s.assertClean();
  await s.context.close();
});

test("dragging run C's η from 1.5 to 0.9 turns it from too big to oscillating", async () => {
  const s = await open(env.browser, env.server.origin);
  const lab = widget(s.page, "lr-compare");
  for (let i = 0; i < 20; i++) await lab.control("step").click();
  const c = run(lab, 2);
  const lossBefore = Number(await c.value("loss"));
  assert.equal(await c.value("class"), "big");

  const slider = c.control("lr-slider");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const [min, max] = [Number(await slider.getAttribute("min")), Number(await slider.getAttribute("max"))];
  const inset = 9; // half the thumb: the thumb's centre travels inside the track
  const xOf = (lr) => box.x + inset + ((Math.log10(lr) - min) / (max - min)) * (box.width - 2 * inset);
  const y = box.y + box.height / 2;
  await s.page.mouse.move(xOf(1.5), y);
  await s.page.mouse.down();
  await s.page.mouse.move(xOf(1.1), y, { steps: 4 });
  assert.equal(await c.value("class"), "big", "still diverging past η = 1");
  await s.page.mouse.move(xOf(0.9), y, { steps: 4 });
  await s.page.mouse.up();
  // Fine-tune with the arrow keys, as a reader would, until the field reads 0.9.
  for (let i = 0; i < 60 && (await c.control("lr").inputValue()) !== "0.9"; i++) {
    const lr = Number(await c.control("lr").inputValue());
    await slider.press(lr > 0.9 ? "ArrowLeft" : "ArrowRight");
  }
  assert.equal(await c.control("lr").inputValue(), "0.9");
  assert.equal(await c.value("class"), "oscillating");
  assert.match(await c.text("class"), /偏大/);
  const lossAfter = Number(await c.value("loss"));
  assert.ok(lossAfter < lossBefore, "its loss falls");
  assert.equal(lossAfter, stepsOf(20, 0.9).loss, "retraced: 20 steps at η = 0.9");
  assert.equal(await c.text("factor"), "0.80");
  await assertNoNonFinite(s.page);
  s.assertClean();
  await s.context.close();
});

test("a bad η in the lab is refused in words", async () => {
  const s = await open(env.browser, env.server.origin);
  const lab = widget(s.page, "lr-compare");
  const field = run(lab, 0).control("lr");
  await field.fill("0");
  await field.press("Enter");
  const notice = lab.root.locator("[data-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /greater than 0/);
  assert.equal(await run(lab, 0).value("lr"), "0.03");
  await field.fill("0.5");
  await field.press("Enter");
  await notice.waitFor({ state: "hidden" });
  assert.equal(await run(lab, 0).value("class"), "right", "η = 0.5 lands in one step");
  s.assertClean();
  await s.context.close();
});
