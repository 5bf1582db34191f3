import { describe, expect, it } from 'vitest';
import {
  attachmentMarkdown,
  attachmentName,
  attachmentProblem,
  base64OfDataUrl,
  MAX_ATTACHMENT_BYTES,
  pruneAttachments,
  referencedAttachments,
  resolveAttachment,
  uniqueAttachmentName,
} from './attachments';
import { MAX_NOTEBOOK_CHARS, readIpynb, stringifyIpynb } from './ipynb';
import { initialState } from './actions';
import { splitCell } from './structure';

/** The document a notebook's JSON opens as (the test fails on a read error). */
function openDoc(json: unknown) {
  const r = readIpynb(JSON.stringify(json));
  if (!r.ok) throw new Error(r.error);
  return r.doc;
}

// A 1×1 PNG, as nbformat stores it (base64, possibly split in lines by the writer).
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>';

describe('attachment URLs', () => {
  it('names the attachment of an attachment: URL only', () => {
    expect(attachmentName('attachment:image.png')).toBe('image.png');
    expect(attachmentName('Attachment:a.png')).toBe('a.png');
    expect(attachmentName('attachment:')).toBeNull();
    expect(attachmentName('https://x/attachment:a.png')).toBeNull();
    expect(attachmentName('data:image/png;base64,AAAA')).toBeNull();
  });

  it('resolves raster images to data: URLs, the bundle stored joined or as nbformat lines', () => {
    expect(resolveAttachment({ 'image.png': { 'image/png': PNG } }, 'attachment:image.png')).toBe(`data:image/png;base64,${PNG}`);
    const lines = [PNG.slice(0, 40) + '\n', PNG.slice(40)];
    expect(resolveAttachment({ 'a.png': { 'image/png': lines } }, 'attachment:a.png')).toBe(`data:image/png;base64,${PNG}`);
    expect(resolveAttachment({ 'a.jpg': { 'image/jpeg': 'AAAA' } }, 'attachment:a.jpg')).toBe('data:image/jpeg;base64,AAAA');
    // JupyterLab stores encodeURI(file name); the source may name it either way.
    expect(resolveAttachment({ 'my%20pic.png': { 'image/png': PNG } }, 'attachment:my%20pic.png')).toContain('data:image/png');
    expect(resolveAttachment({ 'my pic.png': { 'image/png': PNG } }, 'attachment:my%20pic.png')).toContain('data:image/png');
  });

  it('shows an SVG attachment only as a data URL (for an <img>), from its text or its base64', () => {
    expect(resolveAttachment({ 'd.svg': { 'image/svg+xml': SVG } }, 'attachment:d.svg')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(SVG)}`);
    const b64 = Buffer.from(SVG).toString('base64');
    expect(resolveAttachment({ 'd.svg': { 'image/svg+xml': b64 } }, 'attachment:d.svg')).toBe(`data:image/svg+xml;base64,${b64}`);
  });

  it('resolves nothing for a missing name, a non-image type, data that is not base64, or a prototype key', () => {
    const att = { 'a.png': { 'image/png': PNG }, 'h.html': { 'text/html': '<b>x</b>' }, 'bad.png': { 'image/png': '"><script>' } };
    expect(resolveAttachment(att, 'attachment:b.png')).toBeNull();
    expect(resolveAttachment(att, 'attachment:h.html')).toBeNull();
    expect(resolveAttachment(att, 'attachment:bad.png')).toBeNull();
    expect(resolveAttachment(att, 'attachment:__proto__')).toBeNull();
    expect(resolveAttachment(att, 'attachment:constructor')).toBeNull();
    expect(resolveAttachment(undefined, 'attachment:a.png')).toBeNull();
    expect(resolveAttachment(att, 'a.png')).toBeNull();
  });
});

describe('pruning', () => {
  const att = { 'a.png': { 'image/png': PNG }, 'b.png': { 'image/png': PNG }, 'my pic.png': { 'image/png': PNG } };

  it('finds references in Markdown images, links and raw HTML, encoded or not', () => {
    const refs = referencedAttachments('![a](attachment:a.png)\n<img src="attachment:my%20pic.png">\n[b](attachment:b.png "t")');
    expect([...refs]).toEqual(expect.arrayContaining(['a.png', 'my pic.png', 'my%20pic.png', 'b.png']));
  });

  it('keeps the attachments the source mentions and drops the rest (undefined when none is left)', () => {
    expect(pruneAttachments('![a](attachment:a.png) and ![p](attachment:my%20pic.png)', att)).toEqual({ 'a.png': att['a.png'], 'my pic.png': att['my pic.png'] });
    expect(pruneAttachments('![a](attachment:a.png) ![b](attachment:b.png) ![c](attachment:my%20pic.png)', att)).toBe(att);
    expect(pruneAttachments('no images', att)).toBeUndefined();
    expect(pruneAttachments('x', {})).toBeUndefined();
    expect(pruneAttachments('x', undefined)).toBeUndefined();
  });

  it('is applied when a notebook is written: Markdown cells lose unreferenced attachments, a reload keeps the rest', () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { id: 'm', cell_type: 'markdown', metadata: {}, source: ['![a](attachment:a.png)'], attachments: { 'a.png': { 'image/png': PNG }, 'old.png': { 'image/png': PNG } } },
        { id: 'r', cell_type: 'raw', metadata: {}, source: ['raw'], attachments: { 'keep.png': { 'image/png': PNG } } },
      ],
    };
    const doc = openDoc(nb);
    const written = JSON.parse(stringifyIpynb(doc)) as { cells: { attachments?: Record<string, Record<string, unknown>> }[] };
    expect(Object.keys(written.cells[0].attachments!)).toEqual(['a.png']);
    // Raw cells do not render attachments: theirs are kept as they came.
    expect(Object.keys(written.cells[1].attachments!)).toEqual(['keep.png']);
    const again = openDoc(written);
    expect(resolveAttachment(again.cells[0].attachments, 'attachment:a.png')).toBe(`data:image/png;base64,${PNG}`);
  });

  it('a split Markdown cell keeps its images in the part that shows them', () => {
    const source = '![a](attachment:a.png)\n\n![b](attachment:b.png)';
    const doc = openDoc({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: 'm', cell_type: 'markdown', metadata: {}, source, attachments: { 'a.png': { 'image/png': PNG }, 'b.png': { 'image/png': PNG } } }] });
    const s = splitCell(initialState(doc), 'm', [source.indexOf('\n')]);
    const written = JSON.parse(stringifyIpynb(s.doc)) as { cells: { attachments?: Record<string, unknown> }[] };
    expect(written.cells.map((c) => Object.keys(c.attachments ?? {}))).toEqual([['a.png'], ['b.png']]);
  });
});

describe('naming and inserting', () => {
  it('uses the file name (image.png for a pasted screenshot), de-duplicated before the extension', () => {
    expect(uniqueAttachmentName('chart.png', undefined)).toBe('chart.png');
    expect(uniqueAttachmentName('', {})).toBe('image.png');
    expect(uniqueAttachmentName('image.png', { 'image.png': {} })).toBe('image-1.png');
    expect(uniqueAttachmentName('image.png', { 'image.png': {}, 'image-1.png': {} })).toBe('image-2.png');
    expect(uniqueAttachmentName('README', { README: {} })).toBe('README-1');
    expect(uniqueAttachmentName('dir/evil.png', {})).toBe('dir_evil.png');
  });

  it('writes Markdown whose link is one URL that resolves back to the attachment', () => {
    expect(attachmentMarkdown('image.png')).toBe('![image.png](attachment:image.png)');
    const md = attachmentMarkdown('my pic (1).png');
    expect(md).toBe('![my pic (1).png](attachment:my%20pic%20%281%29.png)');
    const url = /\]\((attachment:[^)]*)\)/.exec(md)![1];
    expect(resolveAttachment({ 'my pic (1).png': { 'image/png': PNG } }, url)).toContain('data:image/png');
    expect(attachmentMarkdown('a]b.png')).toBe('![a\\]b.png](attachment:a%5Db.png)');
  });

  it('refuses non-images and images past the limit, which keeps a notebook openable', () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(MAX_NOTEBOOK_CHARS / 4);
    expect(attachmentProblem('a.png', 'image/png', 1000)).toBeNull();
    expect(attachmentProblem('a.svg', 'image/svg+xml', 1000)).toBeNull();
    expect(attachmentProblem('notes.txt', 'text/plain', 10)).toMatch(/notes\.txt is not an image/);
    expect(attachmentProblem('big.png', 'image/png', MAX_ATTACHMENT_BYTES + 1)).toBe('big.png is 16 MB; an attached image may be at most 16 MB (notebooks up to 64 MB can be opened). It was not attached.');
  });

  it('takes the base64 out of a FileReader data: URL', () => {
    expect(base64OfDataUrl(`data:image/png;base64,${PNG}`)).toBe(PNG);
    expect(base64OfDataUrl('data:text/plain,hello')).toBeNull();
  });
});
