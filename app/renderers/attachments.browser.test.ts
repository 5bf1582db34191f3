// Markdown attachments through the sanitizer, in real Chromium: `attachment:` images show the
// cell's own image data; SVG only as an <img>; nothing else about the sanitizer loosens.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>window.__svg = 1</script><rect width="4" height="4"/></svg>';

const dom = (html: string) => {
  const box = document.createElement('div');
  box.innerHTML = html;
  return box;
};

describe('Markdown attachments', () => {
  it('shows attachment:name images from the cell, by Markdown and by raw <img>', async () => {
    const box = dom(renderMarkdown('![dot](attachment:image.png)\n\n<img src="attachment:image.png" alt="raw">', { 'image.png': { 'image/png': PNG } }));
    const imgs = Array.from(box.querySelectorAll('img'));
    expect(imgs).toHaveLength(2);
    for (const img of imgs) expect(img.getAttribute('src')).toBe(`data:image/png;base64,${PNG}`);
    document.body.append(box);
    await imgs[0].decode();
    expect(imgs[0].naturalWidth).toBe(1);
    box.remove();
  });

  it('an SVG attachment is an <img> data URL (its script never runs), never inline markup', () => {
    const box = dom(renderMarkdown('![d](attachment:d.svg)', { 'd.svg': { 'image/svg+xml': SVG } }));
    const img = box.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(box.querySelector('svg, script')).toBeNull();
  });

  it('a missing or non-image attachment shows no image source; other cells and links gain nothing', () => {
    const att = { 'a.png': { 'image/png': PNG }, 'h.html': { 'text/html': '<script>1</script>' } };
    const box = dom(renderMarkdown('![x](attachment:nope.png) ![h](attachment:h.html) [link](attachment:a.png)', att));
    for (const img of box.querySelectorAll('img')) expect(img.hasAttribute('src')).toBe(false);
    expect(box.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/^data:/);
    // Without the cell's attachments (an output's Markdown), attachment: resolves to nothing.
    expect(dom(renderMarkdown('![x](attachment:a.png)')).querySelector('img')?.hasAttribute('src')).toBe(false);
    // An SVG data URL written in the source itself is still removed.
    const inline = dom(renderMarkdown(`<img src="data:image/svg+xml;base64,${btoa(SVG)}">`, att));
    expect(inline.querySelector('img')?.hasAttribute('src')).toBe(false);
  });
});
