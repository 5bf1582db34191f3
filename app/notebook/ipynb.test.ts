import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import schema from './nbformat.v4.5.schema.json';
import { emptyNotebook, NotebookFormatError, notebookDescription, notebookTitle, parseIpynb, readIpynb, stringifyIpynb, writeIpynb } from './ipynb';
import type { NotebookDoc } from './types';

// The official schema is draft-04; ajv 8 reads it once the draft marker is dropped.
const { $schema: _drop, ...draft } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(draft);

const sample: NotebookDoc = {
  nbformat_minor: 5,
  metadata: { custom: { keep: [1, 2] } },
  cells: [
    { id: 'md-1', cell_type: 'markdown', source: '# Title\n\nSome text with $x^2$.', metadata: {}, outputs: [], execution_count: null },
    {
      id: 'code-1',
      cell_type: 'code',
      source: 'const a = torch.tensor([1, 2]);\na * 2 + 1',
      metadata: { tags: ['x'] },
      execution_count: 3,
      outputs: [
        { output_type: 'stream', name: 'stdout', text: 'hello\nworld\n' },
        { output_type: 'execute_result', execution_count: 3, data: { 'text/plain': 'tensor([3., 5.])', 'application/vnd.torchlit.tensor.v1+json': { shape: [2], dtype: 'float32' } }, metadata: {} },
        { output_type: 'display_data', data: { 'text/html': '<b>x</b>' }, metadata: {}, display_id: 'd1' },
        { output_type: 'error', ename: 'TypeError', evalue: 'boom', traceback: ['TypeError: boom', '  at line 2'] },
      ],
    },
    { id: 'raw-1', cell_type: 'raw', source: 'raw stuff', metadata: { format: 'text/plain' }, outputs: [], execution_count: null },
  ],
};

describe('writeIpynb', () => {
  it('writes files that validate against the nbformat 4.5 schema', () => {
    const json = writeIpynb(sample);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(writeIpynb(emptyNotebook()))).toBe(true);
  });

  it('sets the kernelspec, language_info and torchlit metadata, keeping unknown metadata', () => {
    const json = writeIpynb(sample, { device: 'webgpu' }) as { metadata: Record<string, any> };
    expect(json.metadata.kernelspec).toEqual({ name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' });
    expect(json.metadata.language_info.name).toBe('typescript');
    expect(json.metadata.torchlit).toMatchObject({ device: 'webgpu', version: expect.any(String) });
    expect(json.metadata.custom).toEqual({ keep: [1, 2] });
  });

  it('adds fallbacks through the given function', () => {
    const json = writeIpynb(sample, { withFallbacks: (b) => ({ ...b, 'image/svg+xml': '<svg/>' }) }) as any;
    expect(json.cells[1].outputs[1].data['image/svg+xml']).toEqual(['<svg/>']);
    expect(validate(json)).toBe(true);
  });
});

describe('readIpynb', () => {
  it('round-trips a notebook (display ids are not saved)', () => {
    const r = readIpynb(stringifyIpynb(sample));
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual([]);
    expect(r.doc.cells.map((c) => [c.id, c.cell_type, c.source])).toEqual(sample.cells.map((c) => [c.id, c.cell_type, c.source]));
    expect(r.doc.cells[1].outputs[0]).toEqual({ output_type: 'stream', name: 'stdout', text: 'hello\nworld\n' });
    expect(r.doc.cells[1].outputs[1]).toEqual(sample.cells[1].outputs[1]);
    expect(r.doc.cells[1].execution_count).toBe(3);
    expect(r.doc.cells[2].metadata).toEqual({ format: 'text/plain' });
    expect(r.doc.metadata.custom).toEqual({ keep: [1, 2] });
  });

  it('reads string and list sources alike', () => {
    const nb = (source: unknown) => JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'code', id: 'a', metadata: {}, source, outputs: [], execution_count: null }] });
    const a = readIpynb(nb('x = 1\ny = 2'));
    const b = readIpynb(nb(['x = 1\n', 'y = 2']));
    expect(a.ok && b.ok && a.doc.cells[0].source === b.doc.cells[0].source).toBe(true);
  });

  it('gives duplicate or invalid ids new ones, with a warning; missing ids before 4.5 silently', () => {
    const cells = [
      { cell_type: 'markdown', metadata: {}, source: 'a' },
      { cell_type: 'markdown', id: 'x', metadata: {}, source: 'b' },
      { cell_type: 'markdown', id: 'x', metadata: {}, source: 'c' },
      { cell_type: 'markdown', id: 'not valid!', metadata: {}, source: 'd' },
    ];
    const r = readIpynb(JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells }));
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual(['cell 3 had a duplicate id "x"; it was given a new one', 'cell 4 had an invalid id "not valid!"; it was given a new one']);
    expect(new Set(r.doc.cells.map((c) => c.id)).size).toBe(4);
    expect(r.doc.cells[1].id).toBe('x');
    // In a 4.5 file an id is required: a missing one is repaired with a warning too.
    const r45 = readIpynb(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
    expect(r45.ok && r45.warnings[0]).toBe('cell 1 had no id; it was given a new one');
  });

  it('lists at most a dozen repairs, then counts the rest', () => {
    const cells = Array.from({ length: 500 }, () => ({ cell_type: 'raw', id: 'same', metadata: {}, source: '' }));
    const r = readIpynb(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toHaveLength(12);
    expect(r.warnings[11]).toBe('and 488 more');
    expect(new Set(r.doc.cells.map((c) => c.id)).size).toBe(500);
  });

  it('converts nbformat 3 (worksheets, input, heading cells, pyout/pyerr, short MIME keys)', () => {
    const v3 = {
      nbformat: 3,
      nbformat_minor: 0,
      metadata: { name: 'old' },
      worksheets: [
        {
          cells: [
            { cell_type: 'heading', level: 2, source: ['Old title'], metadata: {} },
            { cell_type: 'markdown', source: 'Some *text*', metadata: {} },
            {
              cell_type: 'code', language: 'python', input: ['x = 1\n', 'x'], prompt_number: 4, collapsed: false, metadata: {},
              outputs: [
                { output_type: 'stream', stream: 'stderr', text: ['warn\n'] },
                { output_type: 'pyout', prompt_number: 4, text: ['1'], html: '<b>1</b>', metadata: {} },
                { output_type: 'display_data', png: 'iVBOR', metadata: {} },
                { output_type: 'pyerr', ename: 'ValueError', evalue: 'bad', traceback: ['tb'] },
              ],
            },
          ],
          metadata: {},
        },
        { cells: [{ cell_type: 'raw', source: 'second sheet', metadata: {} }] },
      ],
    };
    const r = readIpynb(JSON.stringify(v3));
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual(['it was converted from nbformat 3 (an old Jupyter format); its Python code will not run here as is']);
    expect(r.doc.cells.map((c) => [c.cell_type, c.source])).toEqual([
      ['markdown', '## Old title'],
      ['markdown', 'Some *text*'],
      ['code', 'x = 1\nx'],
      ['raw', 'second sheet'],
    ]);
    const code = r.doc.cells[2];
    expect(code.execution_count).toBe(4);
    expect(code.outputs).toEqual([
      { output_type: 'stream', name: 'stderr', text: 'warn\n' },
      { output_type: 'execute_result', execution_count: 4, data: { 'text/plain': '1', 'text/html': '<b>1</b>' }, metadata: {} },
      { output_type: 'display_data', data: { 'image/png': 'iVBOR' }, metadata: {} },
      { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['tb'] },
    ]);
    expect(r.doc.metadata.name).toBeUndefined();
    // What it becomes is a valid 4.5 file.
    expect(validate(writeIpynb(r.doc))).toBe(true);
  });

  it('refuses JSON nested deeper than it can store, without a stack overflow', () => {
    const deep = '{"nbformat": 4, "cells": [], "metadata": {"x": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}}';
    const e = (() => {
      try {
        parseIpynb(deep);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(NotebookFormatError);
    expect((e as NotebookFormatError).kind).toBe('depth');
    expect((e as Error).message).toBe('the file nests objects or lists more than 200 levels deep');
  });

  it('coerces wrongly typed optional fields instead of failing', () => {
    const r = readIpynb(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: [], cells: [
      { cell_type: 'code', id: 'c', metadata: 'm', source: '', execution_count: -3, outputs: [
        { output_type: 'error', ename: { a: 1 }, evalue: 5, traceback: [1, 'x'] },
        { output_type: 'execute_result', execution_count: 'one', data: { '__proto__': 'x', 'text/plain': 'v' }, metadata: null },
      ] },
    ] }));
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.metadata).toEqual({});
    expect(r.doc.cells[0].metadata).toEqual({});
    expect(r.doc.cells[0].execution_count).toBe(null);
    expect(r.doc.cells[0].outputs).toEqual([
      { output_type: 'error', ename: '{"a":1}', evalue: '5', traceback: ['1', 'x'] },
      { output_type: 'execute_result', execution_count: null, data: { 'text/plain': 'v' }, metadata: {} },
    ]);
  });

  it('ignores metadata.trusted', () => {
    const r = readIpynb(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { trusted: true }, cells: [] }));
    expect(r.ok && r.doc.metadata.trusted).toBe(undefined);
  });

  it.each([
    ['not json', /not valid JSON/],
    ['[1, 2]', /JSON object/],
    ['{"nbformat": 2, "worksheets": []}', /format is not supported: the file is nbformat 2; only nbformat 4 notebooks \(and 3, converted\)/],
    ['{"nbformat": "4", "cells": []}', /the file is nbformat "4"/],
    ['{"nbformat": 3, "cells": []}', /nbformat 3 file has no "worksheets" list/],
    ['{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": {}}]}', /cell 1.outputs must be a list/],
    ['{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "text": 3}]}]}', /cell 1, output 1.text must be a string or a list of strings/],
    ['{"cells": []}', /no "nbformat" field/],
    ['{"nbformat": 4, "metadata": {}}', /"cells" is missing/],
    ['{"nbformat": 4, "cells": [{"cell_type": "python", "source": ""}]}', /cell 1 has an unknown cell_type "python"/],
    ['{"nbformat": 4, "cells": [{"cell_type": "code"}]}', /cell 1 has no "source"/],
    ['{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}', /cell 1.source must be a string or a list/],
    ['{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "weird"}]}]}', /cell 1, output 1 has an unknown output_type "weird"/],
  ])('refuses %s with a clear message', (text, message) => {
    const r = readIpynb(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('reads a UTF-8 BOM', () => {
    expect(readIpynb('\uFEFF' + stringifyIpynb(sample)).ok).toBe(true);
  });
});

describe('title and description', () => {
  it('come from the first heading and paragraph', () => {
    expect(notebookTitle(sample)).toBe('Title');
    expect(notebookDescription(sample)).toBe('Some text with $x^2$.');
    const md = (source: string) => ({ ...sample, cells: [{ ...sample.cells[0], source }] });
    expect(notebookDescription(md('# T\n\nWhat **requires_grad** and `grad_fn` record, *really*; see [the docs](https://x).'))).toBe(
      'What requires_grad and grad_fn record, really; see the docs.',
    );
  });
});
