import { launch, serve, open } from "./support.mjs";
const browser = await launch();
const server = await serve();
const shots = (process.env.SHOTS ?? "").split(",").map((x) => x.split("|"));
for (const [path, width, name, height] of shots) {
  const s = await open(browser, server.origin, path, { viewport: { width: Number(width), height: Number(height ?? 900) } });
  await s.page.waitForTimeout(1200);
  console.log(name, s.problems());
  await s.page.screenshot({ path: `tests/artifacts/_${name}.png`, fullPage: !height });
  await s.context.close();
}
await browser.close();
server.close();
