// Every tutorial in notebooks/ is a valid nbformat 4.5 file with the metadata the gallery and the
// tests read, and survives a read → write round trip unchanged in substance.
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import schema from './nbformat.v4.5.schema.json';
import { readIpynb, writeIpynb } from './ipynb';

const { $schema: _drop, ...draft } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(draft);
const files = import.meta.glob('../../notebooks/*.ipynb', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('tutorial notebooks', () => {
  it('exist', () => expect(Object.keys(files).length).toBeGreaterThanOrEqual(5));
  for (const [path, text] of Object.entries(files)) {
    it(`${path.split('/').pop()} validates against nbformat 4.5 and carries tutorial metadata`, () => {
      const json = JSON.parse(text);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(json.metadata.kernelspec).toEqual({ name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' });
      const t = json.metadata.torchlit.tutorial;
      expect(typeof t.title).toBe('string');
      expect(typeof t.description).toBe('string');
      expect(t.minutes).toBeGreaterThan(0);
      expect(new Set(json.cells.map((c: { id: string }) => c.id)).size).toBe(json.cells.length);
      const r = readIpynb(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(validate(JSON.parse(JSON.stringify(writeIpynb(r.doc))))).toBe(true);
    });
  }
});
