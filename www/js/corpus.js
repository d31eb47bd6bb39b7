// The built-in corpus travels front-coded (scripts/corpus.mjs writes it): the
// names are sorted, and each is written as one character '0'+k, k being how
// many leading letters it shares with the name before it, then the rest of
// its letters. That is a third smaller than one name per line once gzipped.
// This module has no DOM: the node tests import it as the page does.

/** The names of a front-coded list, in order. */
export function unfront(coded) {
  const names = [];
  let previous = "";
  let i = 0;
  while (i < coded.length) {
    const shared = coded.charCodeAt(i) - 48;
    let j = i + 1;
    while (j < coded.length && coded.charCodeAt(j) >= 97) j++;
    if (shared < 0 || shared > 47 || shared > previous.length || j === i + 1) {
      throw new Error(`the built-in names are damaged at byte ${i}`);
    }
    previous = previous.slice(0, shared) + coded.slice(i + 1, j);
    names.push(previous);
    i = j;
  }
  return names;
}

/** Front-codes sorted names of letters a–z (the inverse of `unfront`). */
export function front(names) {
  let out = "";
  let previous = "";
  for (const name of names) {
    let k = 0;
    while (k < name.length && k < previous.length && name[k] === previous[k]) k++;
    out += String.fromCharCode(48 + k) + name.slice(k);
    previous = name;
  }
  return out;
}

/**
 * The text of a dropped file's bytes: UTF-8 if they are valid UTF-8 (a
 * byte-order mark is dropped), else GB18030 — the "ANSI" encoding of Chinese
 * Windows — if they are valid in it. Strict both times: a file is never read
 * with replacement characters. Returns `{ text, encoding }`, or `null` when
 * the bytes are neither.
 *
 * Western Windows' "ANSI" (windows-1252) is often valid GB18030 too: `Renée`
 * (…6E E9 65…) reads as "Ren" + a Chinese character + "e". A Chinese
 * character wedged between Latin letters is how that mistake looks, and no
 * Chinese text looks like it: such bytes are read as windows-1252 instead.
 */
export function decodeText(bytes) {
  const strict = (encoding) => {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      return null; // not valid in this encoding
    }
  };
  const utf8 = strict("utf-8");
  if (utf8) return utf8;
  const chinese = strict("gb18030");
  if (chinese && /[A-Za-z][\u3400-\u9fff\uf900-\ufaff][A-Za-z]/.test(chinese.text)) return strict("windows-1252");
  return chinese;
}
