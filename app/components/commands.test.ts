import { describe, expect, it } from 'vitest';
import { chordOf, SequenceMatcher } from './keys';
import { searchCommands } from './paletteSearch';
import { commandList } from './commandList';
import type { Commands } from './useCommands';

const ev = (key: string, code: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) =>
  ({ key, code, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta }) as KeyboardEvent;

// Every command of Commands as a no-op, to list the registry.
const noop = new Proxy({}, { get: () => () => undefined }) as Commands;
const registry = commandList(noop, { openHelp() {}, openPalette() {}, share() {}, toggleInspector() {}, askBeforeRestart() {}, toggleCodeChecking() {} });

describe('key chords', () => {
  it('spells keydowns as the bindings do', () => {
    expect(chordOf(ev('J', 'KeyJ', { shift: true }))).toBe('Shift+J');
    expect(chordOf(ev('_', 'Minus', { ctrl: true, shift: true }))).toBe('Ctrl+Shift+-');
    expect(chordOf(ev('C', 'KeyC', { meta: true, shift: true }))).toBe('Ctrl+Shift+C');
    expect(chordOf(ev('ArrowUp', 'ArrowUp', { shift: true }))).toBe('Shift+Up');
    expect(chordOf(ev('?', 'Slash', { shift: true }))).toBe('?');
    expect(chordOf(ev('0', 'Digit0'))).toBe('0');
    expect(chordOf(ev('Escape', 'Escape'))).toBe('Esc');
  });

  it('matches D D within a second, and not D then another key then D', () => {
    const m = new SequenceMatcher();
    const keys = ['D D', 'Z', 'Shift+Z'];
    expect(m.match('D', keys, 0)).toBeNull();
    expect(m.match('D', keys, 500)).toBe('D D');
    expect(m.match('D', keys, 600)).toBeNull();
    expect(m.match('Z', keys, 700)).toBe('Z');
    expect(m.match('D', keys, 800)).toBeNull();
    expect(m.match('D', keys, 2000)).toBeNull();
    expect(m.starts('D', keys)).toBe(true);
  });

  it('no two commands share a key', () => {
    const seen = new Map<string, string>();
    for (const c of registry) for (const k of c.keys ?? []) {
      expect(seen.get(k), `${k}: ${c.id} and ${seen.get(k)}`).toBeUndefined();
      seen.set(k, c.id);
    }
    expect(seen.get('Shift+M')).toBe('notebook:merge-cells');
    expect(seen.get('M')).toBe('notebook:change-cell-to-markdown');
    expect(seen.get('Ctrl+Shift+-')).toBe('notebook:split-cell-at-cursor');
  });
});

describe('command palette search', () => {
  const find = (q: string) => searchCommands(registry, q).map((c) => c.id);
  it('finds commands by fuzzy, any-order words', () => {
    expect(find('clear all outputs')[0]).toBe('notebook:clear-all-cell-outputs');
    expect(find('restart run all')[0]).toBe('notebook:restart-run-all');
    expect(find('restart clear')[0]).toBe('notebook:restart-clear-output');
    expect(find('mrg sel')[0]).toBe('notebook:merge-cells');
    expect(find('split')[0]).toBe('notebook:split-cell-at-cursor');
    expect(find('insrt belw')[0]).toBe('notebook:insert-cell-below');
    expect(find('change to').slice(0, 3)).toEqual(['notebook:change-cell-to-code', 'notebook:change-cell-to-markdown', 'notebook:change-cell-to-raw']);
    expect(find('zzzqqq')).toEqual([]);
  });
  it('lists every command for an empty query', () => {
    expect(find('')).toHaveLength(registry.length);
  });
});
