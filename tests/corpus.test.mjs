// The built-in corpus ships front-coded: what the page decodes must be the
// exact list scripts/corpus.mjs made from the npm packages.
import test from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DIST } from "./support.mjs";
import { builtinNames } from "../scripts/corpus.mjs";
import { front, unfront, decodeText } from "../www/js/corpus.js";

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

test("a dropped file is decoded strictly: UTF-8, else GB18030, never with U+FFFD", () => {
  const utf8 = new TextEncoder().encode("\ufeff测试\nemma\n");
  assert.deepEqual(decodeText(utf8), { text: "测试\nemma\n", encoding: "utf-8" }, "BOM dropped");
  // 测试 as Chinese Windows saves it ("ANSI" = GBK/GB18030): b2 e2 ca d4.
  const gbk = new Uint8Array([0xb2, 0xe2, 0xca, 0xd4, 0x0a, 0x61, 0x62]);
  assert.deepEqual(decodeText(gbk), { text: "测试\nab", encoding: "gb18030" });
  // Valid in neither: a lone continuation byte, then a GB18030 lead byte at the end.
  assert.equal(decodeText(new Uint8Array([0x61, 0x80, 0x0a, 0x81])), null);
  // Western Windows "ANSI": Renée and Björn in windows-1252 are valid GB18030
  // too, but a Chinese character between Latin letters gives them away.
  const western = new Uint8Array([0x52, 0x65, 0x6e, 0xe9, 0x65, 0x0a, 0x42, 0x6a, 0xf6, 0x72, 0x6e, 0x0a]);
  assert.deepEqual(decodeText(western), { text: "Renée\nBjörn\n", encoding: "windows-1252" });
});
