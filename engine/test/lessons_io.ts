// What the lesson programs (lessons_*.ts) share with scripts/golden/lessons.py: the fixed inputs and
// initial weights stored in golden/lessons.json, `wave` values both languages compute, and `err`,
// which records an error as PyTorch's class name and first line.
import golden from './golden/lessons.json';
import { torch } from '../index';
import type { Tensor } from '../tensor';
import type { Module } from '../nn/module';
import { makeTensor, type Encoded } from './harness';

type GoldenFile = { inputs: unknown; state_dicts: unknown };

/**
 * The fixed inputs (`I`) and initial state_dicts (`SD`) of one golden family file: lessons.json here,
 * a later family's lessons_<x>.json in its own program file (`const { I, SD } = fixturesOf(golden)`).
 */
export function fixturesOf(file: GoldenFile, name = 'golden/lessons.json') {
  const inputs = file.inputs as Record<string, Encoded>;
  const stateDicts = file.state_dicts as Record<string, Record<string, Encoded>>;
  return {
    /** A fresh copy of the fixed input `key` (scripts/golden/lessons.py `fixed`). */
    I(key: string): Tensor {
      const e = inputs[key];
      if (!e) throw new Error(`no fixed input '${key}' in ${name}`);
      return makeTensor(e) as Tensor;
    },
    /** The stored initial state_dict `key`, as a plain object of tensors. */
    SD(key: string): Record<string, Tensor> {
      const sd = stateDicts[key];
      if (!sd) throw new Error(`no state_dict '${key}' in ${name}`);
      return Object.fromEntries(Object.entries(sd).map(([k, e]) => [k, makeTensor(e) as Tensor]));
    },
  };
}

export const { I, SD } = fixturesOf(golden as GoldenFile);

/** scale * sin(seed + 0.7311 i) in float64, then float32: the same numbers as lessons.py's `wave`. */
export function wave(shape: number[], seed: number, scale = 1): Tensor {
  const n = shape.reduce((a, d) => a * d, 1);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = scale * Math.sin(seed + 0.7311 * i);
  return torch.tensor(Array.from(v), { dtype: torch.float64 }).float().view(shape);
}

/** Every state_dict entry of `m` set to `wave` values scaled by 1/sqrt(fan_in), as lessons.py's `wave_init`. */
export function wave_init<M extends Module>(m: M, seed: number): M {
  torch.no_grad(() => {
    Object.entries(m.state_dict()).forEach(([, t], k) => {
      const fanIn = t.dim() > 1 ? t.numel() / t.shape[0] : t.numel();
      t.copy_(wave([...t.shape], seed + k, 1 / Math.sqrt(fanIn)));
    });
  });
  return m;
}

export interface Recorded {
  $error: { name: string; message: string };
}

/** The error `fn` throws, as PyTorch's class name and the message's first line. */
export function err(fn: () => unknown): Recorded | { $no_error: unknown } {
  try {
    const v = fn();
    return { $no_error: v };
  } catch (e) {
    const x = e as Error;
    return { $error: { name: x.name, message: String(x.message).split('\n')[0] } };
  }
}

/** Python's `float(t)` / `int(t)` on a CPU tensor. */
export const num = (t: Tensor): number => t.cpu_item() as number;

/** Python's sum() over tensors (`sum(p.pow(2).sum() for p in params)`). */
export function tsum(ts: Tensor[]): Tensor {
  return ts.reduce<Tensor | null>((a, t) => (a === null ? t : a.add(t)), null) as Tensor;
}

export type Lesson = () => Record<string, unknown> | Promise<Record<string, unknown>>;
