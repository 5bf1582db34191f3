// Share links: the notebook in the URL, with its outputs when they fit, else without them.
import { describe, expect, it } from 'vitest';
import { decodeShare, SHARE_LIMIT, shareLink, shareLinkFor } from './share';

/** Text lz-string cannot shrink much (pseudo-random digits). */
function noise(n: number): string {
  let s = '', x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String.fromCharCode(33 + (x % 90));
  }
  return s;
}

describe('share links', () => {
  const base = 'https://torchlit.example/';
  it('round-trips a notebook through the link', () => {
    const text = JSON.stringify({ cells: [{ source: 'const x = 1;' }] });
    const link = shareLink(text, base);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url.startsWith(`${base}#/share/`)).toBe(true);
    expect(decodeShare(link.url.split('#/share/')[1])).toBe(text);
  });

  it('keeps the outputs when they fit', () => {
    const link = shareLinkFor(() => 'with outputs', () => 'without', base);
    expect(link).toMatchObject({ ok: true });
    expect(link.ok && link.withoutOutputs).toBeUndefined();
  });

  it('leaves the outputs out when they make the link too long, and says so', () => {
    const big = JSON.stringify({ cells: [{ source: 'x', outputs: [noise(200_000)] }] });
    const small = JSON.stringify({ cells: [{ source: 'x', outputs: [] }] });
    const link = shareLinkFor(() => big, () => small, base);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.withoutOutputs?.fullLength).toBeGreaterThan(SHARE_LIMIT);
    expect(decodeShare(link.url.split('#/share/')[1])).toBe(small);
  });

  it('refuses with a reason when even the code is too long', () => {
    const huge = noise(200_000);
    const link = shareLinkFor(() => huge, () => huge, base);
    expect(link.ok).toBe(false);
    expect(!link.ok && link.reason).toMatch(/too large for a link .* Share the \.ipynb file instead/);
  });
});
