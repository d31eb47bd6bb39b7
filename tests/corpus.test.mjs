// The built-in corpus ships front-coded: what the page decodes must be the
// exact list scripts/corpus.mjs made from the npm packages.
import test from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DIST } from "./support.mjs";
import { builtinNames } from "../scripts/corpus.mjs";
import { front, unfront } from "../www/js/corpus.js";

test("the shipped built-in names decode to the sorted list from the packages", async () => {
  const names = builtinNames();
  assert.equal(names.length, 8403);
  assert.deepEqual(names.slice(0, 3), ["aaren", "aarika", "aaron"]);
  const shipped = await readFile(join(DIST, "data", "first-names.pfx.txt"), "utf8");
  assert.deepEqual(unfront(shipped), names);
  assert.ok(shipped.length < names.join("\n").length * 0.5, "front coding halves the raw size");
});

test("front coding round-trips and refuses damaged input", () => {
  const names = ["ab", "abc", "abd", "b", "ba", "bab"];
  assert.equal(front(names), "0ab2c2d0b1a2b");
  assert.deepEqual(unfront(front(names)), names);
  assert.deepEqual(unfront(""), []);
  for (const bad of ["5abc", "0ab9c", "0ab2", "ab"]) assert.throws(() => unfront(bad), /damaged/, bad);
});
