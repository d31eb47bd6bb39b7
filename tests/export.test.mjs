// PNG and GIF export in real Chromium: the PNG a reader downloads is the
// canvas pixel for pixel, a GIF of five steps decodes to the film it should
// be, the encoder module is fetched only when first asked for, and inside a
// sandboxed frame that may not download, the picture shows where it can be
// saved, with no error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { suite, open, widget, assertNoNonFinite, screenshot, serve, findColour } from "./support.mjs";

const env = suite();

/** Clicks `control` of widget `name` and returns the downloaded file's bytes and name. */
async function download(page, name, control) {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    widget(page, name).control(control).click(),
  ]);
  return { bytes: await readFile(await file.path()), name: file.suggestedFilename() };
}

/** The RGBA pixels of a PNG, decoded by the browser. */
function decodePng(page, bytes) {
  return page.evaluate(async (b64) => {
    const blob = new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: "image/png" });
    const bitmap = await createImageBitmap(blob, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
  }, bytes.toString("base64"));
}

/**
 * Frames of a GIF as the browser's own decoder (WebCodecs) reads them, and
 * the centre of the pixels of colour `ball` (±12 per channel) in its last frame.
 */
function decodeGif(page, bytes, ball = [230, 97, 1]) {
  return page.evaluate(async ([b64, rgb]) => {
    const data = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const decoder = new ImageDecoder({ data, type: "image/gif" });
    await decoder.tracks.ready;
    await decoder.completed;
    const track = decoder.tracks.selectedTrack;
    const frames = [];
    let last = null;
    for (let i = 0; i < track.frameCount; i++) {
      const { image } = await decoder.decode({ frameIndex: i });
      frames.push({ ms: image.duration / 1000, width: image.displayWidth, height: image.displayHeight });
      if (i === track.frameCount - 1) {
        const c = new OffscreenCanvas(image.displayWidth, image.displayHeight).getContext("2d");
        c.drawImage(image, 0, 0);
        const d = c.getImageData(0, 0, image.displayWidth, image.displayHeight).data;
        let [sx, sy, n] = [0, 0, 0];
        for (let p = 0; p < d.length; p += 4) {
          if (Math.abs(d[p] - rgb[0]) <= 12 && Math.abs(d[p + 1] - rgb[1]) <= 12 && Math.abs(d[p + 2] - rgb[2]) <= 12) {
            sx += (p / 4) % image.displayWidth;
            sy += Math.floor(p / 4 / image.displayWidth);
            n++;
          }
        }
        last = n ? { x: sx / n, y: sy / n, n } : null;
      }
      image.close();
    }
    return { count: track.frameCount, repetitions: track.repetitionCount, frames, ball: last };
  }, [bytes.toString("base64"), ball]);
}

const encoderRequests = (server) => server.requests.filter((u) => u.includes("gif-encoder"));

test("the PNG of the descent widget is its canvas, pixel for pixel, at the device pixel ratio", async () => {
  const s = await open(env.browser, env.server.origin, "/?steps=3", { deviceScaleFactor: 2 });
  const d = widget(s.page, "descent");
  assert.equal(await d.text("t"), "3");
  await s.page.waitForTimeout(600); // the last flight lands
  // The canvas as the reader sees it when clicking (the picture shown after
  // the click can move the layout, and the canvas then redraws at its new size).
  await s.page.evaluate(() => {
    const c = document.querySelector("[data-widget=descent] canvas");
    window.seen = { data: c.getContext("2d").getImageData(0, 0, c.width, c.height).data, size: [c.width, c.height], css: c.clientWidth };
  });
  const { bytes, name } = await download(s.page, "descent", "png");
  assert.equal(name, "downhill-descent-t3.png");
  // Compared in the page: the canvas as it was, the PNG as the browser decodes it.
  const cmp = await s.page.evaluate(async (b64) => {
    const canvas = window.seen.data;
    const blob = new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: "image/png" });
    const bitmap = await createImageBitmap(blob, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
    const o = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d");
    o.drawImage(bitmap, 0, 0);
    const png = o.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let differing = 0;
    let first = -1;
    for (let i = 0; i < png.length; i++) {
      if (png[i] !== canvas[i]) {
        differing++;
        if (first < 0) first = i;
      }
    }
    return { png: [bitmap.width, bitmap.height], canvas: window.seen.size, css: window.seen.css, differing, first };
  }, bytes.toString("base64"));
  assert.deepEqual(cmp.png, cmp.canvas);
  assert.equal(cmp.canvas[0], cmp.css * 2, "crisp: device pixels, not CSS pixels");
  assert.equal(cmp.differing, 0, `the PNG equals the canvas (first difference at byte ${cmp.first})`);
  // The picture also shows in the widget, with its download link.
  assert.ok(await d.root.locator(".export-result[open] img").isVisible());
  assert.match(await d.control("download").innerText(), /downhill-descent-t3\.png/);
  await assertNoNonFinite(s.page);
  s.assertClean();
});

test("the lab's PNG is its three panels side by side", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=lr-compare&steps=20", { viewport: { width: 900, height: 900 } });
  await s.page.waitForTimeout(600);
  const { bytes } = await download(s.page, "lr-compare", "png");
  const png = await decodePng(s.page, bytes);
  const sizes = await s.page.$$eval("[data-widget=lr-compare] .panel canvas", (cs) => cs.map((c) => [c.width, c.height]));
  assert.equal(sizes.length, 3);
  assert.equal(png.width, sizes.reduce((w, [cw]) => w + cw, 0));
  assert.equal(png.height, Math.max(...sizes.map(([, h]) => h)));
  s.assertClean();
});

test("a GIF of five steps decodes to the run: every step, its flights, the hold, looping", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=descent");
  const d = widget(s.page, "descent");
  assert.deepEqual(encoderRequests(env.server), [], "the encoder is not loaded with the page");
  for (let i = 0; i < 5; i++) await d.control("step").click();
  assert.equal(await d.text("t"), "5");
  await s.page.waitForTimeout(600); // the last flight lands
  // The page's picture when the reader asks (the dialog can move the layout after).
  const size = await s.page.$eval("[data-widget=descent] canvas", (c) => [c.clientWidth, c.clientHeight]);
  const seen = await findColour(s.page, "[data-widget=descent] canvas", [230, 97, 1], 30);
  const { bytes, name } = await download(s.page, "descent", "gif");
  assert.equal(name, "downhill-descent-t5.gif");
  assert.ok(encoderRequests(env.server).length > 0, "the encoder came when asked for");
  const gif = await decodeGif(s.page, bytes);
  assert.equal(gif.frames[0].width, size[0]);
  assert.equal(gif.frames[0].height, size[1] + 23, "the chart under its title line");
  assert.equal(gif.repetitions, Infinity, "loops forever");
  // 5 steps of 700 ms at 1x, each flying 450 ms at 20 frames/s, t = 0 shown
  // one interval first, the last frame held 2 s.
  assert.ok(gif.count >= 5 * 8, `${gif.count} frames: each step and its flight`);
  const total = gif.frames.reduce((t, f) => t + f.ms, 0);
  assert.ok(Math.abs(total - (5 * 700 + 2000)) <= 700, `plays ${total} ms`);
  assert.ok(gif.frames.at(-1).ms >= 2000, "the last frame is held");
  assert.ok(gif.frames.filter((f) => f.ms === 50).length >= 5 * 6, "the flights at 20 frames per second");
  // The ball ends where the page shows it: the GIF is the page's chart
  // under a title band, at the same CSS size.
  assert.ok(gif.ball && seen.n > 0, "the ball in the GIF's last frame and on the page");
  const band = gif.frames[0].height - size[1];
  assert.ok(Math.abs(gif.ball.x - seen.x) <= 2.5 && Math.abs(gif.ball.y - band - seen.y) <= 2.5, `GIF ball ${JSON.stringify(gif.ball)}, page ${JSON.stringify(seen)}`);
  // The widget itself did not move while the GIF was made.
  assert.equal(await d.text("t"), "5");
  await screenshot(s.page, "export-gif-descent.png", { fullPage: false });
  s.assertClean();
});

test("a long GIF shows its progress; widgets without a run offer PNG only", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=lr-compare&steps=60");
  const lab = widget(s.page, "lr-compare");
  const seen = s.page.waitForSelector("[data-widget=lr-compare] .export progress:not([hidden])", { timeout: 60_000 });
  const done = download(s.page, "lr-compare", "gif");
  await seen;
  const { bytes } = await done;
  const gif = await decodeGif(s.page, bytes);
  const widths = await s.page.$$eval("[data-widget=lr-compare] .panel canvas", (cs) => cs.reduce((w, c) => w + c.clientWidth, 0));
  assert.equal(gif.frames[0].width, widths);
  assert.ok(gif.count > 60);
  assert.equal(await lab.root.getAttribute("data-export"), "done");
  const l = await open(env.browser, env.server.origin, "/?widget=mse");
  assert.ok(await widget(l.page, "loss").control("gif").isDisabled());
  assert.ok(await widget(l.page, "loss").control("png").isEnabled());
  s.assertClean();
  l.assertClean();
});

test("backprop's GIF walks its stages; microgpt's grows its loss curve", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=backprop");
  const bp = widget(s.page, "backprop");
  for (let i = 0; i < 4; i++) await bp.control("next").click();
  const { bytes, name } = await download(s.page, "backprop", "gif");
  assert.equal(name, "downhill-backprop.gif");
  const gif = await decodeGif(s.page, bytes);
  assert.equal(gif.count, 5, "the start and each of the 4 stages");
  assert.deepEqual(gif.frames.slice(0, 4).map((f) => f.ms), [700, 700, 700, 700], "one stage every 700 ms at 1x");
  const g = await open(env.browser, env.server.origin, "/?widget=microgpt");
  const gpt = widget(g.page, "microgpt");
  await gpt.control("steps").fill("40");
  await gpt.control("steps").dispatchEvent("change");
  await gpt.control("train").click();
  await g.page.waitForFunction(() => document.querySelector("[data-widget=microgpt]").dataset.state === "done", null, { timeout: 60_000 });
  const curve = await decodeGif(g.page, (await download(g.page, "microgpt", "gif")).bytes);
  // Step 0, then one picture per training step (40 ≤ 80 pictures), 0.1 s
  // each (a one-point curve draws nothing, so the first two may merge).
  assert.ok(curve.count >= 39 && curve.count <= 41, `${curve.count} frames`);
  const total = curve.frames.reduce((t, f) => t + f.ms, 0);
  assert.ok(Math.abs(total - (41 * 100 + 2000)) <= 100, `plays ${total} ms`);
  s.assertClean();
  g.assertClean();
});

for (const sandbox of ["allow-scripts", "allow-scripts allow-same-origin"]) {
  test(`in a frame sandboxed "${sandbox}", without allow-downloads, the picture shows, ready to save, with no error`, async () => {
    const host = await serve(undefined, {
      pages: {
        "/host.html": `<!doctype html><title>host</title><link rel=icon href="data:,"><iframe id=f src="/?widget=descent&steps=2" sandbox="${sandbox}" style="width:700px;height:760px;border:0"></iframe>`,
      },
    });
    try {
      const s = await open(env.browser, host.origin, "/host.html", { waitReady: false });
      const frame = s.page.frameLocator("#f");
      await frame.locator("html[data-ready='true']").waitFor();
      let downloads = 0;
      s.page.on("download", () => downloads++);
      await frame.locator("[data-widget=descent] [data-control=png]").click();
      await frame.locator("[data-widget=descent] .export-result[open] img").waitFor();
      assert.match(await frame.locator("[data-widget=descent] .export-status").innerText(), /ready/);
      assert.equal(downloads, 0, "no download is attempted where it would be blocked");
      assert.ok(await frame.locator("[data-widget=descent] [data-control=download]").isVisible());
      // Closing the dialog gives the focus back to the button.
      await frame.locator("[data-widget=descent] [data-control=close-export]").click();
      assert.equal(await frame.locator("[data-widget=descent] [data-control=png]").evaluate((b) => b === document.activeElement), true);
      s.assertClean();
    } finally {
      await host.close();
    }
  });
}

test("in a frame with the shortcode's allow-downloads, the Download link downloads", async () => {
  const host = await serve(undefined, {
    pages: {
      "/host.html": '<!doctype html><title>host</title><link rel=icon href="data:,"><iframe id=f src="/?widget=lr-compare&steps=3" sandbox="allow-scripts allow-downloads" style="width:700px;height:900px;border:0"></iframe>',
    },
  });
  try {
    const s = await open(env.browser, host.origin, "/host.html", { waitReady: false });
    const frame = s.page.frameLocator("#f");
    await frame.locator("html[data-ready='true']").waitFor();
    await frame.locator("[data-widget=lr-compare] [data-control=gif]").click();
    const link = frame.locator("[data-widget=lr-compare] [data-control=download]");
    await link.waitFor();
    const [file] = await Promise.all([s.page.waitForEvent("download"), link.click()]);
    assert.equal(file.suggestedFilename(), "downhill-lr-compare-t3.gif");
    s.assertClean();
  } finally {
    await host.close();
  }
});

test("a GIF can be cancelled, and a run too long for a GIF is refused in words", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=lr-compare&steps=200");
  const lab = widget(s.page, "lr-compare");
  await lab.control("gif").click();
  await s.page.waitForTimeout(300);
  assert.equal(await lab.control("gif").innerText(), "Cancel");
  await lab.control("gif").click();
  await s.page.waitForFunction(() => document.querySelector("[data-widget=lr-compare]").dataset.export === "cancelled");
  assert.equal(await lab.control("gif").innerText(), "GIF");
  const d = await open(env.browser, env.server.origin, "/?widget=descent&lr=0.01&steps=600&lang=zh");
  const descent = widget(d.page, "descent");
  await descent.control("gif").click();
  await d.page.waitForFunction(() => document.querySelector("[data-widget=descent]").dataset.export === "failed");
  assert.match(await descent.root.locator(".export-status").innerText(), /最多容纳 500 步/);
  assert.ok(await descent.root.locator(".export-status").isVisible(), "a failure stays in sight");
  s.assertClean();
  d.assertClean();
});

test("the race leaves as a PNG of its map and loss chart, and as a GIF of every step", async () => {
  const s = await open(env.browser, env.server.origin, "/?widget=optimizers&steps=12", { viewport: { width: 900, height: 900 } });
  await s.page.waitForTimeout(300);
  const { bytes } = await download(s.page, "optimizers", "png");
  const png = await decodePng(s.page, bytes);
  const sizes = await s.page.$$eval("[data-widget=optimizers] :is(canvas[data-view], canvas[data-chart])", (cs) => cs.map((c) => [c.width, c.height]));
  assert.equal(png.width, sizes[0][0] + sizes[1][0], "the map and the loss chart side by side");
  assert.equal(png.height, Math.max(sizes[0][1], sizes[1][1]));
  await widget(s.page, "optimizers").control("close-export").click();
  const { bytes: gifBytes, name } = await download(s.page, "optimizers", "gif");
  assert.match(name, /^downhill-optimizers.*\.gif$/);
  const gif = await decodeGif(s.page, gifBytes);
  assert.equal(gif.count, 13, "t = 0 and each of the 12 steps");
  assert.ok(gif.frames.at(-1).ms >= 2000, "the last frame is held");
  assert.equal(gif.repetitions, Infinity);
  s.assertClean();
});
