// Error messages against PyTorch 1.13's (golden/errors.json, from scripts/golden/errors.py):
// the engine must throw, before computing, with a message containing PyTorch's first line.
import { describe, it } from 'vitest';
import golden from './golden/errors.json';
import { backends, decodeArg, makeTensor, T, type Encoded } from './harness';
import { OPS } from './ops_table';

interface ErrCase {
  id: string;
  op: string;
  inputs: Encoded[];
  args: unknown[];
  kwargs: Record<string, unknown>;
  error: string;
}

const devices = await backends();

describe.each(devices)('errors read like PyTorch on %s', (device) => {
  for (const c of golden.cases as unknown as ErrCase[]) {
    it(c.id, () => {
      const xs = c.inputs.map((e) => makeTensor(e, { device }));
      let thrown: unknown = null;
      try {
        OPS[c.op](T, xs, decodeArg(c.args, { device }) as unknown[], decodeArg(c.kwargs, { device }) as Record<string, unknown>);
      } catch (e) {
        thrown = e;
      }
      if (thrown === null) throw new Error(`no error thrown; PyTorch says: ${c.error}`);
      const msg = thrown instanceof Error ? thrown.message : String(thrown);
      if (thrown instanceof Error && thrown.name === 'MissingOp') throw thrown;
      if (!msg.includes(c.error)) throw new Error(`error message differs from PyTorch's\n  expected to contain: ${c.error}\n  got: ${msg}`);
    });
  }
});
