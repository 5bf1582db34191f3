import { describe, expect, it } from 'vitest';
import { compileQuery, findInCells, matchesIn, offsetToPosition, replaceRanges } from './find';

const re = (query: string, regex = false, caseSensitive = false) => compileQuery({ query, regex, caseSensitive }) as RegExp;

describe('find across cells', () => {
  const cells = [
    { id: 'a', source: 'const loss = model(x);\nLoss.backward()' },
    { id: 'b', source: '# Loss curve' },
    { id: 'c', source: 'nothing here' },
  ];

  it('finds every match in notebook order, case-insensitive by default', () => {
    const m = findInCells(cells, re('loss'));
    expect(m.map((x) => [x.cellId, x.start, x.text])).toEqual([
      ['a', 6, 'loss'],
      ['a', 23, 'Loss'],
      ['b', 2, 'Loss'],
    ]);
  });

  it('matches case when asked, and takes the query literally unless regex is on', () => {
    expect(findInCells(cells, re('Loss', false, true)).map((x) => x.cellId)).toEqual(['a', 'b']);
    expect(findInCells(cells, re('model(x)')).length).toBe(1);
    expect(findInCells(cells, re('l.ss')).length).toBe(0);
    expect(findInCells(cells, re('l.ss', true)).length).toBe(3);
    expect(findInCells(cells, re('^#', true)).map((x) => x.cellId)).toEqual(['b']);
  });

  it('reports an invalid regex instead of throwing, and skips empty matches', () => {
    expect(compileQuery({ query: 'a(', regex: true, caseSensitive: false })).toEqual({ error: expect.stringContaining('(') });
    expect(compileQuery({ query: '', regex: true, caseSensitive: false })).toBeNull();
    expect(matchesIn('abc', re('x*', true))).toEqual([]);
  });

  it('replaces one or all matches; regex replacements expand groups in context', () => {
    const src = 'lr = 0.1; lr2 = 0.01';
    const all = matchesIn(src, re('lr'));
    expect(replaceRanges(src, all, null, 'learning_rate')).toBe('learning_rate = 0.1; learning_rate2 = 0.01');
    expect(replaceRanges(src, all.slice(1), null, '$&')).toBe('lr = 0.1; $&2 = 0.01');
    const r = re('(\\w+) = (0\\.\\d+)', true);
    expect(replaceRanges(src, matchesIn(src, r), r, '$2 -> $1')).toBe('0.1 -> lr; 0.01 -> lr2');
    const named = re('(?<name>lr)\\d', true);
    expect(replaceRanges(src, matchesIn(src, named), named, '$<name>_two $$')).toBe('lr = 0.1; lr_two $ = 0.01');
    const behind = re('(?<=lr)2', true);
    expect(replaceRanges(src, matchesIn(src, behind), behind, '_b')).toBe('lr = 0.1; lr_b = 0.01');
    // As String.prototype.replace does:
    expect(replaceRanges(src, matchesIn(src, r), r, '[$`]')).toBe(src.replace(/(\w+) = (0\.\d+)/g, '[$`]'));
  });

  it('maps offsets to Monaco positions', () => {
    expect(offsetToPosition('ab\ncd\nef', 0)).toEqual({ lineNumber: 1, column: 1 });
    expect(offsetToPosition('ab\ncd\nef', 4)).toEqual({ lineNumber: 2, column: 2 });
    expect(offsetToPosition('ab\ncd\nef', 6)).toEqual({ lineNumber: 3, column: 1 });
  });
});
