// The optimizers race in real Chromium, driven through its public hooks as a
// reader (or an embedder's script) would: step, read every optimizer's
// data-values against PyTorch's update rules written out here, change η,
// switch optimizers on and off, edit one optimizer's settings, the line view
// with the post's numbers, a typed surface, links and their notices, a drag
// on the map, divergence without a NaN, and a screenshot of the map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, open, widget, assertNoNonFinite, screenshot, findColour } from "./support.mjs";

const env = suite();

// ---- PyTorch's torch.optim rules, written out independently of the Rust core.
const DEFAULTS = {
  sgd: { lr: 0.1, momentum: 0, dampening: 0, weight_decay: 0 },
  momentum: { lr: 0.1, momentum: 0.9, dampening: 0, weight_decay: 0 },
  nesterov: { lr: 0.1, momentum: 0.9, dampening: 0, weight_decay: 0, nesterov: true },
  rmsprop: { lr: 0.1, alpha: 0.99, eps: 1e-8, weight_decay: 0 },
  adam: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 },
  adamw: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01, decoupled: true },
};
const ravineGrad = ([a, b]) => [2 * (a - 3), 20 * (b - 1)];
const ravineLoss = ([a, b]) => (a - 3) ** 2 + 10 * (b - 1) ** 2 + 1;

/** `n` steps of optimizer `name` (settings `h`) from `w0`: the last iterate and the last step's parts. */
function race(name, h, w0, n, grad = ravineGrad) {
  const w = [...w0];
  const st = { buf: null, m: w.map(() => 0), v: w.map(() => 0) };
  let parts = { step: w.map(() => 0), decay: w.map(() => 0) };
  for (let t = 1; t <= n; t++) {
    const g = grad(w);
    parts = { step: [], decay: [] };
    if (name === "rmsprop") {
      w.forEach((x, i) => {
        st.v[i] = h.alpha * st.v[i] + (1 - h.alpha) * g[i] * g[i];
        parts.step.push((h.lr * g[i]) / (Math.sqrt(st.v[i]) + h.eps));
        parts.decay.push(0);
      });
    } else if (name === "adam" || name === "adamw") {
      w.forEach((x, i) => {
        const gi = h.decoupled ? g[i] : g[i] + h.weight_decay * x;
        st.m[i] = h.beta1 * st.m[i] + (1 - h.beta1) * gi;
        st.v[i] = h.beta2 * st.v[i] + (1 - h.beta2) * gi * gi;
        const mHat = st.m[i] / (1 - h.beta1 ** t);
        const vHat = st.v[i] / (1 - h.beta2 ** t);
        parts.decay.push(h.decoupled ? h.lr * h.weight_decay * x : 0);
        parts.step.push((h.lr * mHat) / (Math.sqrt(vHat) + h.eps));
      });
    } else {
      const d = g.map((gi, i) => gi + h.weight_decay * w[i]);
      if (h.momentum) {
        st.buf = st.buf ? st.buf.map((b, i) => h.momentum * b + (1 - h.dampening) * d[i]) : d;
        const dir = h.nesterov ? d.map((di, i) => di + h.momentum * st.buf[i]) : st.buf;
        parts.step = dir.map((x) => h.lr * x);
      } else parts.step = d.map((x) => h.lr * x);
      parts.decay = w.map(() => 0);
    }
    w.forEach((x, i) => (w[i] = x - parts.decay[i] - parts.step[i]));
  }
  return { w, ...parts };
}

const close = (a, b, what, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** The shared clock: the widget's first `data-readout="t"` (each optimizer's own is in its `[data-opt]`). */
const clock = async (opt) => Number(await opt.root.locator('.clock [data-readout="t"]').getAttribute("data-value"));

function racer(opt, name) {
  const body = opt.root.locator(`[data-opt="${name}"]`);
  return {
    body,
    control: (c) => body.locator(`[data-control="${c}"]`),
    value: async (r) => Number(await body.locator(`[data-readout="${r}"]`).getAttribute("data-value")),
    text: (r) => body.locator(`[data-readout="${r}"]`).innerText(),
  };
}

async function checkRacer(opt, name, h, n, w0 = [0, 0]) {
  const r = racer(opt, name);
  const want = race(name, h, w0, n);
  assert.equal(await r.value("t"), n, `${name}: t`);
  close(await r.value("w1"), want.w[0], `${name} w1 after ${n}`);
  close(await r.value("w2"), want.w[1], `${name} w2 after ${n}`);
  close(await r.value("loss"), ravineLoss(want.w), `${name} L after ${n}`);
  const g = ravineGrad(want.w);
  close(await r.value("g1"), g[0], `${name} ∂L/∂w1`);
  close(await r.value("g2"), g[1], `${name} ∂L/∂w2`);
  close(await r.value("step1"), want.step[0], `${name} step of w1`);
  close(await r.value("step2"), want.step[1], `${name} step of w2`);
  close(await r.value("decay1"), want.decay[0], `${name} decay of w1`);
  assert.equal(await r.text("w1"), want.w[0].toFixed(4).replace(/^-(0\.0+)$/, "$1"), `${name}: w1 printed`);
}

test("the default race: the post's point, and every optimizer's numbers are PyTorch's", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const opt = widget(s.page, "optimizers");
  await opt.root.scrollIntoViewIfNeeded();
  assert.equal(await opt.state(), "idle");
  assert.equal(await opt.control("view").inputValue(), "map");
  assert.equal(await opt.readout("formula").innerText(), "L = (w1 − 3)² + 10(w2 − 1)² + 1");
  const on = {};
  for (const name of Object.keys(DEFAULTS)) on[name] = await racer(opt, name).control("enabled").isChecked();
  assert.deepEqual(on, { sgd: true, momentum: true, nesterov: false, rmsprop: true, adam: true, adamw: true });
  // Three steps by the button, and the keyboard's → for the rest.
  for (let i = 0; i < 3; i++) await opt.control("step").click();
  assert.equal(await clock(opt), 3);
  for (const name of ["sgd", "momentum", "rmsprop", "adam", "adamw"]) await checkRacer(opt, name, DEFAULTS[name], 3);
  // Adam's first step is η·sign(g) per parameter: the same 0.1 on both, though w2 is ten times steeper.
  await opt.control("reset").click();
  await opt.control("step").click();
  close(await racer(opt, "adam").value("step1"), -0.1, "Adam's first step on w1", 1e-8);
  close(await racer(opt, "adam").value("step2"), -0.1, "Adam's first step on w2", 1e-8);
  close(await racer(opt, "sgd").value("step2"), -2, "SGD's η·g2");
  // SGD bounces across w2 between 2 and 0 for ever (1 − 0.1·20 = −1).
  await opt.control("step").focus();
  for (let i = 1; i < 40; i++) await s.page.keyboard.press("ArrowRight");
  assert.equal(await clock(opt), 40);
  assert.equal(await racer(opt, "sgd").value("w2"), 0, "w2 is back at 0 on even steps");
  const adam = race("adam", DEFAULTS.adam, [0, 0], 40).w;
  close(await racer(opt, "adam").value("w2"), adam[1], "Adam meanwhile");
  assert.ok(Math.abs(adam[1] - 1) < 0.15, `Adam is near w2 = 1 (${adam[1]})`);
  const sgd = await findColour(s.page, '[data-widget="optimizers"] canvas[data-view]', [213, 94, 0], 30);
  assert.ok(sgd.n > 200, `SGD's orange trail is drawn (${sgd.n} px)`);
  await screenshot(s.page, "optimizers-map.png", { fullPage: false });
  await assertNoNonFinite(s.page);
  s.assertClean();
});

test("one η for all, one optimizer's own settings, on and off: the race retraces to the clock's step", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=optimizers");
  const opt = widget(s.page, "optimizers");
  for (let i = 0; i < 5; i++) await opt.control("step").click();
  await opt.control("lr").first().fill("0.05");
  await opt.control("lr").first().press("Enter");
  assert.equal(await clock(opt), 5, "the clock stays");
  const at = (lr) => Object.fromEntries(Object.entries(DEFAULTS).map(([k, h]) => [k, { ...h, lr }]));
  for (const name of ["sgd", "momentum", "rmsprop", "adam", "adamw"]) await checkRacer(opt, name, at(0.05)[name], 5);
  // Nesterov joins at step 5, retraced; Adam leaves and waits at the start.
  await racer(opt, "nesterov").control("enabled").check();
  await checkRacer(opt, "nesterov", at(0.05).nesterov, 5);
  await racer(opt, "adam").control("enabled").uncheck();
  assert.equal(await racer(opt, "adam").value("t"), 0);
  assert.match(await racer(opt, "adam").body.getAttribute("class"), /off/);
  // AdamW's own weight decay λ = 0.1, in its settings row.
  const adamw = racer(opt, "adamw");
  await adamw.control("settings").click();
  assert.equal(await adamw.control("momentum").isVisible(), false, "AdamW takes no momentum");
  await adamw.control("weight_decay").fill("0.1");
  await adamw.control("weight_decay").press("Enter");
  const want = race("adamw", { ...at(0.05).adamw, weight_decay: 0.1 }, [0, 0], 5);
  close(await adamw.value("w1"), want.w[0], "AdamW λ = 0.1, w1");
  close(await adamw.value("decay1"), want.decay[0], "its decay part η·λ·w1");
  assert.ok(want.decay[0] > 0);
  // A refused value is said, marked, and changes nothing.
  await adamw.control("beta1").fill("1");
  await adamw.control("beta1").press("Enter");
  const notice = opt.root.locator("[data-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /β₁|beta/i);
  assert.equal(await adamw.control("beta1").getAttribute("aria-invalid"), "true");
  close(await adamw.value("w1"), want.w[0], "unchanged");
  // Back to PyTorch's defaults (at the shared η).
  await adamw.control("defaults").click();
  await checkRacer(opt, "adamw", at(0.05).adamw, 5);
  assert.equal(await adamw.control("defaults").isDisabled(), true);
  await assertNoNonFinite(s.page);
  s.assertClean();
});

test("on a line the bowl is the post's, and a typed surface races on the map", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const opt = widget(s.page, "optimizers");
  await opt.control("view").selectOption("line");
  assert.equal(await opt.root.getAttribute("data-view"), "line");
  assert.equal(await opt.readout("formula").innerText(), "L(w) = (w − 3)² + 1");
  for (let i = 0; i < 3; i++) await opt.control("step").click();
  // 实验二: w = 0.6, 1.08, 1.464 — the SGD row reads as `w` on a line.
  const sgd = racer(opt, "sgd");
  close(await sgd.value("w"), 1.464, "SGD's w after 3 steps");
  assert.equal(await sgd.text("w"), "1.4640");
  assert.equal(await sgd.body.locator('[data-readout="w2"]').isVisible(), false, "no w2 on a line");
  // A drag on the line moves the start; the race starts over.
  const box = await opt.root.locator("canvas[data-view]").boundingBox();
  await s.page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
  assert.equal(await clock(opt), 0);
  assert.ok((await sgd.value("w")) > 3, "a start right of the minimum");

  // Your own L(w1, w2).
  await opt.control("landscape").selectOption("formula-map");
  assert.equal(await opt.control("view").inputValue(), "map");
  const field = opt.control("formula");
  assert.equal(await field.inputValue(), "(w1 − 3)² + 10(w2 − 1)² + 1", "it starts from the ravine as printed");
  await field.fill("w1^2 + 4w2^2");
  await field.press("Enter");
  assert.equal(await opt.readout("formula").innerText(), "L = w1^2 + 4w2^2");
  await opt.control("w1").fill("2");
  await opt.control("w2").fill("1");
  await opt.control("step").click();
  const grad = ([a, b]) => [2 * a, 8 * b];
  const want = race("sgd", DEFAULTS.sgd, [2, 1], 1, grad).w;
  close(await sgd.value("w1"), want[0], "typed surface w1");
  close(await sgd.value("w2"), want[1], "typed surface w2");
  // w alone is not a surface's variable: refused at its column.
  await field.fill("w^2");
  await field.press("Enter");
  const notice = opt.root.locator("[data-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /Unknown name ‘w’ at column 1: the variables are w1, w2/);
  assert.equal(await opt.readout("formula").innerText(), "L = w1^2 + 4w2^2", "the surface stays");
  s.assertClean();
});

test("links set the race, refuse in words, and a diverging optimizer is a state without a NaN", async () => {
  const url =
    "/?widget=optimizers&landscape=rosenbrock&opt=adam,sgd&lr=0.001&w1=-1&w2=2&steps=4&adam.beta1=0.8&lang=en";
  const s = await open(env.browser, env.server.origin, url);
  const opt = widget(s.page, "optimizers");
  assert.equal(await opt.control("landscape").inputValue(), "rosenbrock");
  assert.equal(await clock(opt), 4);
  assert.equal(await racer(opt, "momentum").control("enabled").isChecked(), false);
  const rosen = ([a, b]) => [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)];
  const adam = race("adam", { ...DEFAULTS.adam, lr: 0.001, beta1: 0.8 }, [-1, 2], 4, rosen).w;
  close(await racer(opt, "adam").value("w1"), adam[0], "Adam from the link");
  await racer(opt, "adam").control("settings").click();
  assert.equal(await racer(opt, "adam").control("beta1").inputValue(), "0.8");
  assert.equal(await s.page.locator("[data-page-notice]").isHidden(), true, "a good link needs no notice");
  s.assertClean();
  await s.context.close();

  const bad = await open(env.browser, env.server.origin, "/?widget=optimizers&opt=adam,lion&adam.beta1=2&view=globe&lang=en");
  const said = bad.page.locator("[data-page-notice]");
  await said.waitFor({ state: "visible" });
  assert.match(await said.innerText(), /opt=“adam,lion”/);
  assert.match(await said.innerText(), /view=“globe”/);
  const inWidget = bad.page.locator('[data-widget="optimizers"] [data-notice]');
  assert.match(await inWidget.innerText(), /β₁|beta/i, "the out-of-range β₁ is the widget's to refuse");
  assert.equal(await racer(widget(bad.page, "optimizers"), "nesterov").control("enabled").isChecked(), false, "the refused list leaves the default");
  bad.assertClean();
  await bad.context.close();

  // Nesterov at η = 0.1 on the ravine: its loss rises, its row says so, the others race on.
  const d = await open(env.browser, env.server.origin, "/?widget=optimizers&opt=nesterov,adam&steps=300");
  const race2 = widget(d.page, "optimizers");
  const nesterov = racer(race2, "nesterov");
  assert.equal(await nesterov.body.getAttribute("data-health"), "diverging");
  assert.equal(await nesterov.body.locator("[data-health-text]").innerText(), "loss rising");
  assert.equal(await racer(race2, "adam").value("t"), 300);
  await assertNoNonFinite(d.page);
  // On Rosenbrock at η = 0.01 SGD's fifth step would overflow: it stops there, diverged.
  await d.page.goto(`${env.server.origin}/?widget=optimizers&landscape=rosenbrock&lr=0.01&steps=200`);
  await d.page.waitForSelector("html[data-ready='true']");
  const sgd = racer(widget(d.page, "optimizers"), "sgd");
  assert.equal(await sgd.body.getAttribute("data-health"), "diverged");
  assert.match(await sgd.body.locator("[data-health-text]").innerText(), /diverged at step \d+/);
  assert.ok((await sgd.value("t")) < 20);
  assert.equal(await racer(widget(d.page, "optimizers"), "adam").value("t"), 200);
  await assertNoNonFinite(d.page);
  d.assertClean();
});

test("the full page's link follows the race: only what differs from the default scene", async () => {
  const s = await open(env.browser, env.server.origin, "/");
  const opt = widget(s.page, "optimizers");
  await opt.control("landscape").selectOption("himmelblau");
  await racer(opt, "sgd").control("enabled").uncheck();
  await racer(opt, "adamw").control("settings").click();
  await racer(opt, "adamw").control("weight_decay").fill("0.2");
  await racer(opt, "adamw").control("weight_decay").press("Enter");
  await opt.control("step").click();
  await s.page.waitForFunction(() => new URLSearchParams(location.search).get("adamw.weight_decay") === "0.2");
  const q = new URLSearchParams(new URL(s.page.url()).search);
  assert.equal(q.get("surface"), "himmelblau", "the race's own key: the descent widget keeps `landscape`");
  assert.equal(q.get("w1"), null, "the default start is left out");
  assert.equal(q.get("opt"), "momentum,rmsprop,adam,adamw");
  assert.equal(q.get("steps"), "1");
  // The link opens the same race.
  const again = await open(env.browser, env.server.origin, `/?${q}`);
  const o2 = widget(again.page, "optimizers");
  for (const name of ["momentum", "adamw"]) {
    assert.equal(await racer(o2, name).value("w1"), await racer(opt, name).value("w1"), `${name} from the link`);
  }
  again.assertClean();
  s.assertClean();
});

test("the saddle has no log axis, and another scene's words follow the language", async () => {
  const s = await open(env.browser, env.server.origin, "/?surface=saddle&steps=100&lang=zh");
  const opt = widget(s.page, "optimizers");
  assert.equal(await opt.control("scale").innerText(), "lin", "L = −1/4 at the minima: no logarithm");
  assert.equal(await opt.control("scale").isDisabled(), true);
  assert.match(await opt.root.locator(".lede").innerText(), /六个 PyTorch 优化器在 L = w1² \+ w2⁴\/4 − w2²\/2 上一起出发/);
  await s.page.locator("[data-page=lang]").click();
  assert.match(await opt.root.locator(".lede").innerText(), /^Six optimizers from PyTorch start together on L = w1²/);
  await opt.control("landscape").selectOption("ravine");
  assert.match(await opt.root.locator(".lede").innerText(), /^The post's last word on learning rates/, "the ravine's own lede again");
  assert.equal(await opt.control("scale").isDisabled(), false);
  await assertNoNonFinite(s.page);
  s.assertClean();
});
