// lz-string's decompressFromEncodedURIComponent (MIT, Pieroxy), with a budget: a share link of a
// few kilobytes can unpack to hundreds of megabytes (each code may repeat everything before it),
// and lz-string would build all of it before anyone could look at its size. Here the output is
// counted while it grows and decompression stops as soon as it passes `maxChars`.

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Int8Array(128);
for (let i = 0; i < KEY.length; i++) VALUE[KEY.charCodeAt(i)] = i;

/** Thrown when the text would be longer than the budget; `atLeast` is how long it got. */
export class DecompressedTooLarge extends Error {
  constructor(readonly atLeast: number) {
    super(`decompressed text longer than ${atLeast} characters`);
  }
}

/**
 * Same result as lz-string's `decompressFromEncodedURIComponent(input)` (null for an empty or
 * corrupt input), or a DecompressedTooLarge error once the result passes `maxChars`.
 */
export function decompressBounded(input: string, maxChars: number): string | null {
  if (input === '') return null;
  const s = input.replace(/ /g, '+');
  const at = (i: number) => (i < s.length ? VALUE[s.charCodeAt(i) & 127] : 0);
  let val = at(0);
  let position = 32;
  let index = 1;
  const read = (n: number): number => {
    let bits = 0;
    for (let p = 0; p < n; p++) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        val = at(index++);
      }
      if (bit) bits |= 1 << p;
    }
    return bits;
  };
  const dict: string[] = ['', '', ''];
  let enlargeIn = 4;
  let dictSize = 4;
  let numBits = 3;
  const first = read(2);
  if (first === 2 || first === 3) return first === 2 ? '' : null;
  const c = String.fromCharCode(read(first === 0 ? 8 : 16));
  dict[3] = c;
  let w = c;
  const result = [c];
  let total = c.length;
  for (;;) {
    if (index > s.length) return '';
    let code = read(numBits);
    if (code === 0 || code === 1) {
      dict[dictSize++] = String.fromCharCode(read(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return result.join('');
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (code > 2 && code < dictSize && dict[code]) entry = dict[code];
    else if (code === dictSize) entry = w + w.charAt(0);
    else return null;
    total += entry.length;
    if (total > maxChars) throw new DecompressedTooLarge(total);
    result.push(entry);
    dict[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
