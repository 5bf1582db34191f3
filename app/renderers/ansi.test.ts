import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('splits an IPython traceback line into coloured segments', () => {
    const line = '\x1b[0;31mZeroDivisionError\x1b[0m: division by zero';
    expect(parseAnsi(line)).toEqual([
      { text: 'ZeroDivisionError', classes: ['tl-ansi-red-fg'] },
      { text: ': division by zero', classes: [] },
    ]);
  });
  it('keeps bold, intense and background across codes until reset', () => {
    const segs = parseAnsi('\x1b[1;92mok\x1b[44m blue\x1b[22m thin\x1b[39;49m plain');
    expect(segs.map((s) => [s.text, s.classes.join(' ')])).toEqual([
      ['ok', 'tl-ansi-green-intense-fg tl-ansi-bold'],
      [' blue', 'tl-ansi-green-intense-fg tl-ansi-blue-bg tl-ansi-bold'],
      [' thin', 'tl-ansi-green-intense-fg tl-ansi-blue-bg'],
      [' plain', ''],
    ]);
  });
  it('reads 256-colour and truecolour codes as validated rgb()', () => {
    expect(parseAnsi('\x1b[38;5;196mx')[0]).toEqual({ text: 'x', classes: [], color: 'rgb(255, 0, 0)' });
    expect(parseAnsi('\x1b[38;5;1mx')[0].classes).toEqual(['tl-ansi-red-fg']);
    expect(parseAnsi('\x1b[48;2;1;2;3mx')[0]).toEqual({ text: 'x', classes: [], background: 'rgb(1, 2, 3)' });
    // Out of range: no colour, nothing leaks.
    expect(parseAnsi('\x1b[38;2;999;0;0mx')[0]).toEqual({ text: 'x', classes: [] });
  });
  it('drops non-colour escapes and keeps markup as text', () => {
    expect(parseAnsi('a\x1b[2Kb\x1b]0;title\x07c\x1b[?25l<img src=x onerror=alert(1)>')).toEqual([{ text: 'abc<img src=x onerror=alert(1)>', classes: [] }]);
    expect(stripAnsi('\x1b[0;31mZeroDivisionError\x1b[0m')).toBe('ZeroDivisionError');
  });
});
