import { describe, expect, it } from 'vitest';
import { latexSource } from './latex';

describe('latexSource', () => {
  it('keeps delimited math and wraps bare TeX as one display formula', () => {
    expect(latexSource('$\\displaystyle x^{2}$')).toBe('$\\displaystyle x^{2}$');
    expect(latexSource('\\frac{a}{b}')).toBe('$$\n\\frac{a}{b}\n$$');
    expect(latexSource('\\(x\\)')).toBe('$x$');
  });
});
