// The Hugo shortcode as a blogger uses it: a tiny Hugo site with the shortcode
// from www/embed/hugo/ and a post that embeds the learning-rate lab. Hugo
// builds it; Chromium opens the post from another origin; the sandboxed frame
// shows the lab with the shortcode's settings and sizes itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, writeFile, copyFile, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, serve, launch, open } from "./support.mjs";

let app, blog, browser, site;
before(async () => {
  app = await serve(DIST, { prefix: "/ai-blog/downhill/" });
  site = await mkdtemp(join(tmpdir(), "downhill-hugo-"));
  await mkdir(join(site, "layouts", "shortcodes"), { recursive: true });
  await mkdir(join(site, "layouts", "_default"), { recursive: true });
  await mkdir(join(site, "content", "posts"), { recursive: true });
  await copyFile(join(DIST, "embed", "hugo", "downhill.html"), join(site, "layouts", "shortcodes", "downhill.html"));
  await writeFile(
    join(site, "hugo.toml"),
    `baseURL = "http://blog.invalid/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[params]\ndownhillBase = "${app.base}"\n`,
  );
  await writeFile(
    join(site, "layouts", "_default", "single.html"),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>`,
  );
  await writeFile(join(site, "layouts", "_default", "list.html"), "<!doctype html><title>list</title>");
  await writeFile(
    join(site, "content", "posts", "lr.md"),
    `---\ntitle: "学习率的艺术"\n---\n\n三个学习率：\n\n{{< downhill widget="lr-compare" lr2="0.9" steps="20" height="300" >}}\n\n完。\n`,
  );
  execFileSync("hugo", ["--quiet", "--source", site, "--destination", join(site, "public")], { stdio: "pipe" });
  blog = await serve(join(site, "public"));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await blog?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

test("the Hugo shortcode embeds the lab with its settings, sized to fit", async () => {
  const html = await readFile(join(site, "public", "posts", "lr", "index.html"), "utf8");
  const src = html.match(/<iframe src="([^"]+)"/)?.[1]?.replaceAll("&amp;", "&");
  assert.ok(src, "the shortcode wrote an iframe");
  const url = new URL(src);
  assert.equal(url.origin + url.pathname, app.base);
  assert.deepEqual(Object.fromEntries(url.searchParams), { widget: "lr-compare", lr2: "0.9", steps: "20" });
  assert.match(html, /sandbox="allow-scripts"/);
  assert.equal((html.match(/embed\/embed\.js/g) ?? []).length, 1, "the resize helper once");

  const s = await open(browser, blog.origin, "/posts/lr/", { waitReady: false, origins: [blog.origin, app.origin] });
  const frame = s.page.frameLocator("iframe[data-downhill]");
  const run = frame.locator('[data-run="2"]');
  await run.locator('[data-readout="class"][data-value="oscillating"]').waitFor();
  assert.equal(await run.locator('[data-readout="lr"]').getAttribute("data-value"), "0.9");
  await s.page.waitForFunction(() => document.querySelector("iframe").getBoundingClientRect().height > 1000);
  s.assertClean();
  await s.context.close();
});
