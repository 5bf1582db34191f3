// The bounded decompressor gives lz-string's result exactly, and stops a link that unpacks to
// more than its budget while it unpacks (issue 22, hole 6).
import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { decompressBounded, DecompressedTooLarge } from './lz-bounded';
import { decodeShare, ShareTooLargeError } from './share';

describe('decompressBounded', () => {
  it('matches lz-string on text of every kind', () => {
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x);
    const samples = ['a', 'ab', '{"cells":[]}', 'é€😀 unicode ✓', 'a'.repeat(100_000), JSON.stringify({ nb: Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, source: `x${i % 7}` })) })];
    for (let t = 0; t < 200; t++) samples.push(Array.from({ length: rnd() % 400 }, () => String.fromCharCode(rnd() % 3 === 0 ? 0x4e00 + (rnd() % 500) : 32 + (rnd() % 90))).join(''));
    for (const text of samples) {
      const packed = compressToEncodedURIComponent(text);
      expect(decompressBounded(packed, 1e9)).toBe(decompressFromEncodedURIComponent(packed));
    }
  });

  it('returns null for damaged input as lz-string does', () => {
    const lz = (bad: string) => {
      try {
        return decompressFromEncodedURIComponent(bad) || null;
      } catch {
        return null; // lz-string throws on some damaged input
      }
    };
    for (const bad of ['', '!!!!', 'AAAA', 'zzzzzzzz', 'N4Ig', 'N4IgzgxgTg']) expect(decompressBounded(bad, 1e9) || null).toBe(lz(bad));
  });

  it('stops a small link that unpacks past the budget, before building it', () => {
    const packed = compressToEncodedURIComponent('x'.repeat(200_000));
    expect(packed.length).toBeLessThan(2_000);
    expect(() => decompressBounded(packed, 50_000)).toThrow(DecompressedTooLarge);
    expect(decompressBounded(packed, 200_000)).toHaveLength(200_000);
  });

  it('decodeShare refuses with a clear message above the import limit', () => {
    const packed = compressToEncodedURIComponent(`{"cells":[],"x":"${'y'.repeat(300_000)}"}`);
    expect(() => decodeShare(packed, 200_000)).toThrow(ShareTooLargeError);
    expect(() => decodeShare(packed, 200_000)).toThrow(/too large to open: it unpacks to more than 200 k characters/);
    expect(decodeShare(packed)).toContain('"cells"');
  });
});
