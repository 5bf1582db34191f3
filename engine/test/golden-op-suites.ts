// The two suites every golden op file runs (ops_more, ops_extra): each case against PyTorch on
// every backend (known gaps listed as skipped, with the reason), and a float64 finite-difference
// gradcheck on the CPU for each differentiable case.
import { describe, it } from 'vitest';
import { gradcheck, type GradInput } from './gradcheck';
import { decodeArg, dtypesOf, gradchecksHere, knownGap, T } from './harness';
import { runOpCase, type OpCase } from './op_case';
import { OPS } from './ops_table';

/** A suite's own known gaps (its CPU-only ops), reported like harness.ts knownGap's: skipped with the reason. */
export type SuiteGap = (device: string, c: OpCase) => string | null;

export function goldenOpSuites(label: string, cases: OpCase[], devices: string[], suiteGap: SuiteGap = () => null): void {
  describe.each(devices)(`${label} vs PyTorch on %s`, (device) => {
    for (const c of cases) {
      const gap = knownGap(device, dtypesOf([...c.inputs, ...c.outputs]), c) ?? suiteGap(device, c);
      if (gap) it.skip(`${c.id} [known gap: ${gap}]`, () => {});
      else it(c.id, () => runOpCase(c, device));
    }
  });

  // Node only (gradchecksHere): the same JS float64 code in Chromium added ~5 s and no coverage
  if (gradchecksHere)
    describe(`gradcheck ${label} (float64, cpu)`, () => {
      const F64 = { floatAs: 'float64' as const };
      for (const c of cases.filter((c) => c.grads)) {
        if (c.nondifferentiable) {
          it.skip(`${c.id} [not applicable: inputs on a kink, tie or NaN; the golden case checks PyTorch's convention]`, () => {});
          continue;
        }
        it(c.id, async () => {
          const args = decodeArg(c.args, F64) as unknown[];
          const kwargs = decodeArg(c.kwargs, F64) as Record<string, unknown>;
          const inputs: GradInput[] = c.inputs.map((value) => ({ value, differentiable: value.dtype.startsWith('float') }));
          await gradcheck((xs) => OPS[c.op](T, xs, args, kwargs), inputs);
        });
      }
    });
}
