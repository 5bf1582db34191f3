import { describe, expect, it } from 'vitest';
import { toTypeScript } from './typescript';

describe('toTypeScript', () => {
  it('keeps code cells in order and turns Markdown into comments, as nbconvert --to script', () => {
    const ts = toTypeScript(
      {
        cells: [
          { cell_type: 'markdown', source: ['# Title\n', '\n', 'Some *text*.\n'] },
          { cell_type: 'code', source: 'const x = torch.ones(2);\nx', execution_count: 3 },
          { cell_type: 'code', source: '   ', execution_count: null },
          { cell_type: 'code', source: ['print(x)\n'], execution_count: null },
          { cell_type: 'raw', source: 'raw text' },
        ],
      },
      'demo',
    );
    expect(ts).toBe(
      [
        "// demo: exported from Torchlit (TypeScript notebook cells; torch, nn, optim, print … are the notebook's globals)",
        '// # Title\n//\n// Some *text*.',
        '// In[3]:\n\n\nconst x = torch.ones(2);\nx',
        '// In[ ]:\n\n\nprint(x)',
        '// raw text',
      ].join('\n\n\n') + '\n',
    );
  });
});
