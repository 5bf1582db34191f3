// lz-string's compressToEncodedURIComponent, written for speed on the huge, repetitive texts the
// freeze tests put in links: lz-string keys its dictionary by the phrase itself (a string that
// grows with the phrase), which takes minutes on 30 MB; here a phrase is a (prefix code, char)
// pair. The output is the same as lz-string's (the spec checks that on a sample).
const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

export function compressFast(text: string): string {
  const out: string[] = [];
  let val = 0;
  let pos = 0;
  const write = (value: number, bits: number) => {
    for (let i = 0; i < bits; i++) {
      val = (val << 1) | (value & 1);
      if (pos === 5) {
        out.push(KEY[val]);
        pos = 0;
        val = 0;
      } else pos++;
      value >>= 1;
    }
  };
  const single = new Map<number, number>(); // char code -> its code
  const toCreate = new Set<number>(); // single chars not yet written as literals
  const child = new Map<number, Map<number, number>>(); // code -> char code -> code of phrase + char
  let dictSize = 3;
  let numBits = 2;
  let enlargeIn = 2;
  let w = -1; // code of the current phrase
  let wSingle = -1; // its char code when the phrase is one char
  const enlarge = () => {
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  };
  const emit = () => {
    if (wSingle >= 0 && toCreate.has(wSingle)) {
      if (wSingle < 256) {
        write(0, numBits);
        write(wSingle, 8);
      } else {
        write(1, numBits);
        write(wSingle, 16);
      }
      enlarge();
      toCreate.delete(wSingle);
    } else write(w, numBits);
    enlarge();
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!single.has(c)) {
      single.set(c, dictSize++);
      toCreate.add(c);
    }
    if (w < 0) {
      w = single.get(c)!;
      wSingle = c;
      continue;
    }
    const next = child.get(w)?.get(c);
    if (next !== undefined) {
      w = next;
      wSingle = -1;
      continue;
    }
    emit();
    let m = child.get(w);
    if (!m) child.set(w, (m = new Map()));
    m.set(c, dictSize++);
    w = single.get(c)!;
    wSingle = c;
  }
  if (w >= 0) emit();
  write(2, numBits);
  for (;;) {
    val <<= 1;
    if (pos === 5) {
      out.push(KEY[val]);
      break;
    }
    pos++;
  }
  return out.join('');
}
