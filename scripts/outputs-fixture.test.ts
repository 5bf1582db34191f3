// The stored notebook of the output contract's v1 (e2e/data/outputs-v1.ipynb): one output of
// every vendor MIME type, as the current code makes and saves them (the kernel's conversions and
// views, the renderers' static fallbacks, the notebook writer). The file is written once per
// contract version and then kept: app/renderers/saved-outputs.test.ts and
// e2e/saved-outputs.spec.ts check that it still renders. This test checks that today's code
// still writes what the file holds (every field the file has, today's payload has too).
// Rewrite the file (a new contract version only): WRITE_OUTPUTS_FIXTURE=1 npx vitest run --project node scripts/outputs-fixture.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nn, torch } from '../engine/index';
import { toMimeBundle } from '../app/kernel/mime';
import { createViews, type ViewsHost } from '../app/kernel/views/index';
import type { MimeBundle } from '../app/protocol/messages';
import { MIME, outputGuards } from '../app/protocol/outputs';
import { stringifyIpynb } from '../app/notebook/ipynb';
import type { Cell, NotebookDoc, Output } from '../app/notebook/types';
import { withFallbacks } from '../app/renderers/fallbacks';

const FIXTURE = new URL('../e2e/data/outputs-v1.ipynb', import.meta.url);

/** The cells of the fixture and the outputs the current code gives for them. */
async function currentNotebook(): Promise<NotebookDoc> {
  let clock = 0;
  const shown: MimeBundle[][] = [];
  const host: ViewsHost = {
    display(b) {
      const rec = [b];
      shown.push(rec);
      return { update: (nb) => void rec.push(nb) };
    },
    now: () => (clock += 250),
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  const views = createViews(host);
  const lastShown = () => shown[shown.length - 1][shown[shown.length - 1].length - 1];

  torch.manual_seed(0);
  const model = new nn.Sequential(new nn.Linear(1, 4), new nn.Tanh(), new nn.Linear(4, 1));
  const x = torch.linspace(-1, 1, 8).unsqueeze(1);
  const y = x.mul(3).add(1);
  const cells: [string, Output[]][] = [];
  const result = async (source: string, value: unknown) => cells.push([source, [{ output_type: 'execute_result', execution_count: cells.length + 1, data: await toMimeBundle(value), metadata: {} }]]);
  const display = (source: string, bundle: MimeBundle) => cells.push([source, [{ output_type: 'display_data', data: bundle, metadata: {} }]]);

  await result("torch.tensor([[1.5, -2, NaN], [0, 4, Infinity]], {requires_grad: true}).mul(2)", torch.tensor([[1.5, -2, NaN], [0, 4, Infinity]], { requires_grad: true }).mul(2));
  await result('model', model);
  const mon = views.monitor(model, { title: 'Training', bins: 8 });
  for (let epoch = 0; epoch < 3; epoch++) {
    model.zero_grad();
    const loss = nn.functional.mse_loss(model(x), y);
    loss.backward();
    torch.no_grad(() => { for (const p of model.parameters()) p.sub_(p.grad!.mul(0.1)); });
    mon.epoch({ loss });
  }
  mon.close();
  display('const mon = monitor(model); for (...) { ...; mon.epoch({ loss }) }', lastShown());
  await result('[...model.named_parameters()]', [...model.named_parameters()]);
  display('grads(model)', await views.grads(model)._repr_mimebundle_());
  const bar = views.progress(4, { desc: 'epochs' });
  for (const _ of bar) bar.set_postfix({ loss: 0.25 });
  display("for (const e of progress(4, {desc: 'epochs'})) ...", lastShown());
  views.plot.line([0, 1, 2, 3], [3, 1, 0.5, 0.25], { title: 'loss', xlabel: 'epoch', ylabel: 'loss', label: 'train' }).scatter([0, 1, 2], [2.5, 1.5, 0.5]);
  display("plot.line(epochs, losses, {title: 'loss'}).scatter(...)", lastShown());
  views.plot.hist([0.1, 0.2, 0.2, 0.5, 0.9, 1.5], { bins: 4 });
  display('plot.hist(values, {bins: 4})', lastShown());

  const outCells: Cell[] = cells.map(([source, outputs], i) => ({ id: `out-${i + 1}`, cell_type: 'code', source, metadata: {}, outputs, execution_count: i + 1 }));
  return { cells: outCells, metadata: { title: 'Every vendor output, v1' }, nbformat_minor: 5 };
}

/** Every vendor payload of a saved notebook, in order: [mime, payload]. */
export function vendorPayloads(nb: { cells: { outputs?: { data?: Record<string, unknown> }[] }[] }): [string, unknown][] {
  const vendor = new Set<string>(Object.values(MIME));
  return nb.cells.flatMap((c) => (c.outputs ?? []).flatMap((o) => Object.entries(o.data ?? {}).filter(([m]) => vendor.has(m))));
}

/** Every key path of a JSON value (array items merged): what a reader may rely on. */
function keyPaths(v: unknown, at = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) for (const x of v) for (const p of keyPaths(x, `${at}[]`)) out.add(p);
  else if (v && typeof v === 'object') {
    // record-like maps (metrics, postfix) are keyed by the user's names, not the contract's
    const isMap = /(^|\.)(metrics|postfix)$/.test(at);
    for (const [k, x] of Object.entries(v)) {
      const here = isMap ? `${at}.*` : `${at}.${k}`;
      out.add(here);
      for (const p of keyPaths(x, here)) out.add(p);
    }
  }
  return out;
}

describe('the output contract v1 fixture (e2e/data/outputs-v1.ipynb)', () => {
  it('holds every vendor MIME type, and today\'s code still writes every field it holds', async () => {
    const text = stringifyIpynb(await currentNotebook(), { withFallbacks });
    if (process.env.WRITE_OUTPUTS_FIXTURE) writeFileSync(FIXTURE, text);
    const stored = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const now = JSON.parse(text);
    const storedPayloads = vendorPayloads(stored);
    expect(new Set(storedPayloads.map(([m]) => m))).toEqual(new Set(Object.values(MIME)));
    const nowPayloads = vendorPayloads(now);
    expect(nowPayloads.map(([m]) => m)).toEqual(storedPayloads.map(([m]) => m));
    storedPayloads.forEach(([mime, payload], i) => {
      const current = keyPaths(nowPayloads[i][1]);
      const missing = [...keyPaths(payload)].filter((p) => !current.has(p));
      expect(missing, `${mime}: fields the v1 file has and today's payload lacks`).toEqual([]);
      expect(outputGuards[mime as keyof typeof outputGuards](nowPayloads[i][1]), mime).toBe(true);
    });
  });
});
