// The quick editor's keys (app/editor/QuickEditor.tsx), on a real textarea in Chromium: what a
// learner gets before Monaco has loaded must behave as Monaco's cell keys do.
import { afterEach, describe, expect, it } from 'vitest';
import { quickKey } from './QuickEditor';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

function textarea(value: string, start: number, end = start) {
  const ta = document.createElement('textarea');
  document.body.append(ta);
  ta.value = value;
  ta.focus();
  ta.setSelectionRange(start, end);
  return ta;
}

function handlers() {
  const calls: string[] = [];
  return {
    calls,
    onRun: (m: string) => calls.push(`run:${m}`),
    onEscape: () => calls.push('escape'),
    onSave: () => calls.push('save'),
    onChange: (s: string) => calls.push(`change:${s}`),
  };
}

afterEach(() => document.body.replaceChildren());

describe('the quick editor keys', () => {
  it('run, save and leave with the same keys as Monaco; other keys are left to the textarea', () => {
    const ta = textarea('a + 1', 5);
    const h = handlers();
    expect(quickKey(key('Enter', { shiftKey: true }), ta, h)).toBe(true);
    expect(quickKey(key('Enter', { ctrlKey: true }), ta, h)).toBe(true);
    expect(quickKey(key('Enter', { metaKey: true }), ta, h)).toBe(true);
    expect(quickKey(key('Enter', { altKey: true }), ta, h)).toBe(true);
    expect(quickKey(key('s', { ctrlKey: true }), ta, h)).toBe(true);
    expect(quickKey(key('Escape'), ta, h)).toBe(true);
    expect(h.calls).toEqual(['run:advance', 'run:stay', 'run:stay', 'run:insert', 'save', 'escape']);
    expect(quickKey(key('a'), ta, h)).toBe(false);
    expect(quickKey(key('ArrowLeft'), ta, h)).toBe(false);
    expect(ta.value).toBe('a + 1');
  });

  it('Enter keeps the line’s indentation, one level more after an opening bracket', () => {
    const ta = textarea('  if (a) {', 10);
    const h = handlers();
    quickKey(key('Enter'), ta, h);
    expect(ta.value).toBe('  if (a) {\n    ');
    expect(ta.selectionStart).toBe(ta.value.length);
    ta.value = '  x = 1;';
    ta.setSelectionRange(8, 8);
    quickKey(key('Enter'), ta, h);
    expect(ta.value).toBe('  x = 1;\n  ');
  });

  it('Tab inserts two spaces; over a selection it indents each line, Shift+Tab outdents, one undo step each', () => {
    const ta = textarea('a', 0);
    const h = handlers();
    quickKey(key('Tab'), ta, h);
    expect(ta.value).toBe('  a');
    ta.value = 'one\ntwo\nthree';
    ta.setSelectionRange(1, 6); // from "one" into "two"
    quickKey(key('Tab'), ta, h);
    expect(ta.value).toBe('  one\n  two\nthree');
    expect(ta.value.slice(ta.selectionStart, ta.selectionEnd)).toBe('  one\n  two');
    quickKey(key('Tab', { shiftKey: true }), ta, h);
    expect(ta.value).toBe('one\ntwo\nthree');
    // Shift+Tab with no selection outdents the caret's line
    ta.value = 'x\n    y';
    ta.setSelectionRange(7, 7);
    quickKey(key('Tab', { shiftKey: true }), ta, h);
    expect(ta.value).toBe('x\n  y');
    // the browser's undo takes back the last edit as one step
    document.execCommand('undo');
    expect(ta.value).toBe('x\n    y');
  });
});
