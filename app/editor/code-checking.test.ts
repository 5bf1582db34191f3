// "Check Code as You Type": the stored choice and what the palette's command says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codeCheckingOn, toggleCodeChecking } from './code-checking';

function fakeStorage(refuse = false) {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('quota', 'QuotaExceededError');
      m.set(k, v);
    },
  };
}

describe('Check Code as You Type', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is on by default; the command turns it off, then on, from the next load', () => {
    vi.stubGlobal('localStorage', fakeStorage());
    expect(codeCheckingOn()).toBe(true);
    expect(toggleCodeChecking(true)).toMatch(/^Checking code as you type is off from the next page load: no TypeScript errors/);
    expect(codeCheckingOn()).toBe(false);
    // this page still checks code; turning it back on says it already does here
    expect(toggleCodeChecking(true)).toBe('Checking code as you type (TypeScript: errors, completions, hover documentation) is on from the next page load (as on this page already).');
    expect(codeCheckingOn()).toBe(true);
  });

  it('a browser that refuses to store it keeps the setting and says so', () => {
    vi.stubGlobal('localStorage', fakeStorage(true));
    expect(toggleCodeChecking(true)).toBe('This browser refused to store the setting: "Check Code as You Type" stays as it is.');
    expect(codeCheckingOn()).toBe(true);
  });
});
