// Trunk post-build hook: the page's JavaScript, bundled and minified with
// esbuild. www/js/main.js and the modules it imports become one js/main.js;
// wasm-bindgen's glue (downhill.js) stays its own module, minified in place,
// so tests and the bench can import the instance the page started.
// Usage: node scripts/bundle.mjs STAGING_DIR
import { build } from "esbuild";
import { join } from "node:path";

const staging = process.argv[2];
if (!staging) {
  console.error("usage: node scripts/bundle.mjs STAGING_DIR");
  process.exit(2);
}
const common = { bundle: true, minify: true, format: "esm", target: "es2020", legalComments: "none", logLevel: "warning" };
await build({
  ...common,
  entryPoints: ["www/js/main.js"],
  external: ["../downhill.js"],
  outfile: join(staging, "js", "main.js"),
});
await build({
  ...common,
  entryPoints: [join(staging, "downhill.js")],
  outfile: join(staging, "downhill.js"),
  allowOverwrite: true,
});
