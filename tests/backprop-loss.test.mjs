// The backprop and loss widgets in real Chromium: every phase of the post's
// 实验四 cycle with pending values checked, new gradients after editing w1, and
// 实验一's MSE falling when a prediction is dragged onto its target.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot } from "./support.mjs";

const env = suite();

const GRADIENT_HOOKS = ["h", "y", "loss", "dL_dy", "dL_dw2", "dL_dw1"];

// Which hooks each stage has computed: forward reveals h then y, the loss stage
// L, the backward stages ∂L/∂y, ∂L/∂w2, (∂L/∂h), ∂L/∂w1.
const VISIBLE = [
  [],
  ["h"],
  ["h", "y"],
  ["h", "y", "loss"],
  ["h", "y", "loss", "dL_dy"],
  ["h", "y", "loss", "dL_dy", "dL_dw2"],
  ["h", "y", "loss", "dL_dy", "dL_dw2"],
  ["h", "y", "loss", "dL_dy", "dL_dw2", "dL_dw1"],
  ["h", "y", "loss", "dL_dy", "dL_dw2", "dL_dw1"],
];
const PHASES = ["ready", "forward", "forward", "loss", "backward", "backward", "backward", "backward", "update"];

// The chain computed here, independently of the Rust graph engine.
function chain(x, w1, w2, target) {
  const h = x * w1;
  const y = h * w2;
  const dy = 2 * (y - target);
  return { h, y, loss: (y - target) ** 2, dL_dy: dy, dL_dw2: dy * h, dL_dw1: dy * w2 * x };
}

async function readouts(bp) {
  const out = {};
  for (const hook of [...GRADIENT_HOOKS, "w1", "w2", "phase", "new_y", "new_loss"]) {
    const el = bp.readout(hook);
    out[hook] = { text: await el.innerText(), value: await el.getAttribute("data-value"), pending: await el.getAttribute("data-pending") };
  }
  return out;
}

test("Next walks the post's cycle: pending until computed, then 实验四's numbers", async () => {
  const s = await open(env.browser, env.server.origin);
  const bp = widget(s.page, "backprop");
  await bp.root.scrollIntoViewIfNeeded();
  for (let stage = 0; stage <= 8; stage++) {
    if (stage > 0) await bp.control("next").click();
    const r = await readouts(bp);
    assert.equal(r.phase.value, PHASES[stage], `phase at stage ${stage}`);
    for (const hook of GRADIENT_HOOKS) {
      if (VISIBLE[stage].includes(hook)) {
        assert.equal(r[hook].pending, null, `${hook} computed at stage ${stage}`);
        assert.notEqual(r[hook].value, "", `${hook} has a value at stage ${stage}`);
      } else {
        assert.equal(r[hook].pending, "true", `${hook} pending at stage ${stage}`);
        assert.equal(r[hook].text, "…", `${hook} shows … (never 0) at stage ${stage}`);
        assert.equal(r[hook].value, "");
      }
    }
  }
  const r = await readouts(bp);
  assert.deepEqual(
    [r.h.text, r.y.text, r.loss.text, r.dL_dy.text, r.dL_dw2.text, r.dL_dw1.text],
    ["1.0000", "1.5000", "20.2500", "-9.0000", "-9.0000", "-27.0000"],
  );
  assert.equal(r.w1.text, "0.5000 → 0.7700");
  assert.equal(r.w2.text, "1.5000 → 1.5900");
  assert.equal(Number(r.w1.value), 0.5 - 0.01 * -27);
  assert.equal(r.new_y.text, "2.4486");
  assert.equal(r.new_loss.text, "12.6124");
  assert.equal(await bp.readout("fd_w1").innerText(), "-27.0000", "finite differences agree");
  assert.equal(await bp.readout("fd_w2").innerText(), "-9.0000");
  assert.match(await bp.root.locator("[data-explain]").innerText(), /w1 = 0\.5 − 0\.01 × \(-27\) = 0\.7700/);
  await assertNoNonFinite(s.page);
  await s.page.waitForTimeout(100);
  await screenshot(s.page, "backprop.png");
  s.assertClean();
  await s.context.close();
});

test("a new w1 gives the gradients the chain rule predicts", async () => {
  const s = await open(env.browser, env.server.origin);
  const bp = widget(s.page, "backprop");
  for (const w1 of [1.25, -0.4]) {
    await bp.control("w1").fill(String(w1));
    await bp.control("w1").press("Enter");
    assert.equal(await bp.readout("phase").getAttribute("data-value"), "ready", "a new w1 starts over");
    for (let i = 0; i < 7; i++) await bp.control("next").click();
    const want = chain(2, w1, 1.5, 6);
    for (const hook of GRADIENT_HOOKS) {
      const got = Number(await bp.readout(hook).getAttribute("data-value"));
      assert.ok(Math.abs(got - want[hook]) < 1e-12, `${hook}: ${got} vs ${want[hook]}`);
    }
  }
  s.assertClean();
  await s.context.close();
});

test("training lowers the loss, and a large η diverges without breaking the page", async () => {
  const s = await open(env.browser, env.server.origin);
  const bp = widget(s.page, "backprop");
  await bp.control("train").click();
  await bp.control("train").click();
  assert.equal(await bp.readout("iteration").getAttribute("data-value"), "19");
  assert.ok(Number(await bp.readout("new_loss").getAttribute("data-value")) < 20.25 / 10);

  await bp.control("reset").click();
  await bp.control("lr").fill("0.2");
  await bp.control("lr").press("Enter");
  for (let i = 0; i < 80 && (await bp.state()) !== "diverged"; i++) await bp.control("train").click();
  assert.equal(await bp.state(), "diverged");
  assert.ok(await bp.root.locator("[data-badge]").isVisible());
  await assertNoNonFinite(s.page);
  await bp.control("reset").click();
  assert.equal(await bp.readout("phase").getAttribute("data-value"), "ready");
  s.assertClean();
  await s.context.close();
});

test("dragging a prediction onto its target drops the MSE to the other three's", async () => {
  const s = await open(env.browser, env.server.origin);
  const loss = widget(s.page, "loss");
  assert.equal(await loss.readout("mse").innerText(), "0.1300");
  assert.deepEqual(
    await loss.root.locator("[data-samples] tr").evaluateAll((trs) => trs.map((tr) => [tr.cells[3].textContent, tr.cells[4].textContent])),
    [["-0.50", "0.2500"], ["-0.50", "0.2500"], ["0.10", "0.0100"], ["-0.10", "0.0100"]],
  );
  const canvas = loss.root.locator("[data-mse]");
  await canvas.scrollIntoViewIfNeeded();
  await s.page.waitForFunction(() => document.querySelector("[data-mse]").dataset.plot);
  const [left, right, top, bottom, x0, x1, y0, y1] = (await canvas.getAttribute("data-plot")).split(" ").map(Number);
  const box = await canvas.boundingBox();
  const at = (x, y) => [box.x + left + ((x - x0) / (x1 - x0)) * (right - left), box.y + bottom - ((y - y0) / (y1 - y0)) * (bottom - top)];
  // Sample 1: prediction 2.5 at x = 1, target 3.0.
  await s.page.mouse.move(...at(1, 2.5));
  await s.page.mouse.down();
  await s.page.mouse.move(...at(1, 2.8), { steps: 3 });
  await s.page.mouse.move(...at(1, 3.0), { steps: 3 });
  await s.page.mouse.up();
  // The other three: (0.25 + 0.01 + 0.01) / 4.
  const rest = ((0.5 - 1) ** 2 + (2.1 - 2) ** 2 + (1.9 - 2) ** 2) / 4;
  assert.equal(await loss.readout("mse").innerText(), rest.toFixed(4));
  assert.ok(Math.abs(Number(await loss.readout("mse").getAttribute("data-value")) - rest) < 1e-12);
  assert.equal(await loss.control("pred-0").inputValue(), "3");
  await screenshot(s.page, "loss.png");
  s.assertClean();
  await s.context.close();
});

test("cross-entropy follows p(好): −ln p, 0 when perfect", async () => {
  const s = await open(env.browser, env.server.origin);
  const loss = widget(s.page, "loss");
  assert.equal(await loss.readout("ce").innerText(), (-Math.log(0.2)).toFixed(4));
  const slider = loss.control("p-right");
  await slider.focus();
  await s.page.keyboard.press("End");
  assert.equal(await loss.readout("ce").innerText(), "0.0000");
  await s.page.keyboard.press("Home");
  assert.equal(await loss.readout("ce").innerText(), (-Math.log(0.001)).toFixed(4));
  await assertNoNonFinite(s.page);
  s.assertClean();
  await s.context.close();
});
