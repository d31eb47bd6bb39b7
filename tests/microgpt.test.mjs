// microgpt in real Chromium: train to completion on the built-in names, with
// the loss falling and names appearing; the page stays responsive while it
// trains; a binary file is refused in words; and, where the makemore names.txt
// is beside the project (../shared/data, as in CI), the browser reproduces
// microgpt.py's run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { suite, open, widget, assertNoNonFinite, screenshot, openSecondary } from "./support.mjs";

const NAMES = resolve(import.meta.dirname, "..", "..", "shared", "data", "names.txt");
const done = (page) =>
  page.waitForFunction(() => document.querySelector("[data-widget=microgpt]").dataset.state === "done", null, { timeout: 90000 });
// Waits for the built-in names, then opens the embed's closed sections (the
// corpus picker among them), as a reader choosing a file would.
const builtinLoaded = async (page) => {
  await page.waitForFunction(() => /8,403/.test(document.querySelector("[data-widget=microgpt] [data-corpus]").textContent));
  await openSecondary(page);
};

const env = suite();

test("trains to completion: the loss falls below 2.7 and names appear", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=microgpt");
  const g = widget(s.page, "microgpt");
  await builtinLoaded(s.page);
  assert.equal(await g.value("params"), 4192);
  assert.equal(await g.control("train").innerText(), "Train");
  await g.control("train").click();
  await done(s.page);
  assert.equal(await g.value("step"), 1000);
  assert.equal(await g.control("train").innerText(), "Train again");
  const ema = await g.value("loss_ema");
  assert.ok(ema < 2.7, `smoothed loss ${ema} < 2.7`);
  assert.ok((await g.value("ms_per_step")) > 0);
  assert.ok((await g.root.locator("[data-previews] li").count()) >= 9, "a few names every 100 steps");
  const final = await g.root.locator("[data-samples]").innerText();
  assert.equal(final.split(":")[1].split(",").length, 20, "20 names at the end");
  await assertNoNonFinite(s.page);
  await screenshot(s.page, "microgpt.png");
  s.assertClean();
  await s.context.close();
});

test("the descent widget still answers a Step click while microgpt trains", async () => {
  const s = await open(env.browser, env.server.origin);
  const g = widget(s.page, "microgpt");
  const d = widget(s.page, "descent");
  await builtinLoaded(s.page);
  await g.control("steps").fill("20000");
  await g.control("steps").press("Enter");
  await g.control("train").click();
  assert.equal(await g.state(), "training");
  for (let i = 1; i <= 3; i++) {
    await d.control("step").click();
    assert.equal(await d.value("t"), i, "the click answered at once");
  }
  assert.equal(await g.state(), "training", "still training in the background");
  assert.ok((await g.value("step")) < 20000);
  await g.control("train").click();
  assert.equal(await g.state(), "paused");
  s.assertClean();
  await s.context.close();
});

test("a binary file is refused in words and the built-in names stay", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=microgpt");
  const g = widget(s.page, "microgpt");
  await builtinLoaded(s.page);
  await g.control("file").setInputFiles({ name: "photo.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3]) });
  const notice = g.root.locator("[data-notice]");
  await notice.waitFor({ state: "visible" });
  assert.match(await notice.innerText(), /binary/);
  await g.control("file").setInputFiles({ name: "empty.txt", mimeType: "text/plain", buffer: Buffer.from("\n \n") });
  await s.page.waitForFunction(() => /empty/.test(document.querySelector("[data-widget=microgpt] [data-notice]").textContent));
  assert.match(await g.root.locator("[data-corpus]").innerText(), /8,403/);
  s.assertClean();
  await s.context.close();
});

test("names.txt in the browser reproduces microgpt.py", { skip: !existsSync(NAMES) && "no ../shared/data/names.txt here" }, async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=microgpt");
  const g = widget(s.page, "microgpt");
  await builtinLoaded(s.page);
  await g.control("file").setInputFiles({ name: "names.txt", mimeType: "text/plain", buffer: readFileSync(NAMES) });
  await s.page.waitForFunction(() => /names\.txt/.test(document.querySelector("[data-widget=microgpt] [data-corpus]").textContent));
  await g.control("train").click();
  await done(s.page);
  assert.equal(await g.text("loss"), "2.6497", "step 1000's loss as microgpt.py printed it");
  const final = (await g.root.locator("[data-samples]").innerText()).split(":")[1].split(",").map((n) => n.trim());
  assert.deepEqual(final, [
    "kamon", "ann", "karai", "jaire", "vialan", "karia", "yeran", "anna", "areli", "kaina",
    "konna", "keylen", "liole", "alerin", "earan", "lenne", "kana", "lara", "alela", "anton",
  ]);
  s.assertClean();
  await s.context.close();
});
