import { describe, expect, it } from 'vitest';
import { foreignKernel, foreignMessage } from './foreign';
import { readIpynb, stringifyIpynb, writeIpynb } from './ipynb';

const python = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
    language_info: { name: 'python', version: '3.11.4', file_extension: '.py', mimetype: 'text/x-python', codemirror_mode: { name: 'ipython', version: 3 } },
  },
  cells: [{ id: 'a', cell_type: 'code', source: '1/0', metadata: {}, outputs: [], execution_count: null }],
});

describe('foreign notebooks', () => {
  it('names the kernel a Python notebook was written for', () => {
    const r = readIpynb(python);
    if (!r.ok) throw new Error(r.error);
    const k = foreignKernel(r.doc.metadata);
    expect(k).toEqual({ name: 'python3', label: 'Python 3' });
    expect(foreignMessage(k!)).toBe('This notebook was written for Python 3: its code cells will not run here.');
    expect(foreignKernel({ kernelspec: { name: 'torchlit', display_name: 'TypeScript (Torchlit)' } })).toBeNull();
    expect(foreignKernel({})).toBeNull();
  });

  it('keeps the kernelspec and language_info on save', () => {
    const r = readIpynb(python);
    if (!r.ok) throw new Error(r.error);
    const json = writeIpynb(r.doc) as { metadata: Record<string, unknown> };
    expect(json.metadata).toEqual(JSON.parse(python).metadata);
    const again = readIpynb(stringifyIpynb(r.doc));
    expect(again.ok && again.doc.metadata.kernelspec).toEqual({ name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' });
  });

  it('gives a language_info with no name the kernelspec language (the schema requires one)', () => {
    const r = readIpynb(python.replace('"name":"python",', ''));
    if (!r.ok) throw new Error(r.error);
    expect((writeIpynb(r.doc) as any).metadata.language_info.name).toBe('python');
  });
});
