// Random factories past the seed: randint_like, poisson and torch.seed.
import { NotImplementedError, RuntimeError } from '../errors';
import { isOptions, parseArgs } from '../args';
import { type DTypeLike } from '../dtype';
import { type DeviceLike } from '../device';
import { manual_seed, nextNormal, nextUniform } from '../random';
import { Tensor } from '../tensor';
import { randint } from './creation';
import { requireCpu } from './lanes';

interface Factory {
  dtype?: DTypeLike | null;
  device?: DeviceLike | null;
  requires_grad?: boolean;
}

/**
 * Random integers in [low, high) shaped like `input` (its dtype unless `dtype` is given).
 * @example torch.randint_like(torch.zeros(2, 3), 10)
 */
export function randint_like(input: Tensor, ...args: unknown[]): Tensor {
  const opts = args.length && isOptions(args[args.length - 1]) ? (args.pop() as Factory) : {};
  const [low, high] = args.length >= 2 ? (args as number[]) : [0, args[0] as number];
  if (high === undefined) throw new TypeError("randint_like() missing 1 required positional argument: 'high'");
  return randint(low, high, input._shape, { dtype: opts.dtype ?? input.dtype, device: opts.device ?? input.device, requires_grad: opts.requires_grad });
}

function poissonSample(lambda: number): number {
  if (!(lambda >= 0)) return NaN;
  if (lambda === 0) return 0;
  if (lambda < 30) {
    // Knuth: count uniforms until their product drops below e^-λ
    const L = Math.exp(-lambda);
    let k = 0, p = 1;
    do {
      k++;
      p *= nextUniform();
    } while (p > L);
    return k - 1;
  }
  // large λ: the normal approximation, rounded and clamped at 0 (|error| of the distribution < 1%)
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * nextNormal()));
}

/**
 * A Poisson sample for every element, with the element as its rate (same dtype; CPU).
 * @example torch.poisson(torch.full([3], 4.0))
 */
export function poisson(rates: Tensor, ...args: unknown[]): Tensor {
  const { generator } = parseArgs<{ generator: unknown }>('poisson', args, ['generator'], { generator: null });
  if (generator != null) throw new NotImplementedError('torch.poisson(generator=...) is not implemented in Torchlit: seed the default generator with torch.manual_seed (see docs/pytorch-coverage.md)');
  requireCpu('poisson', rates);
  const src = rates.detach()._cpuContiguous();
  const out = Tensor._empty(rates._shape, rates.dtype);
  const o = out._storage.data!;
  for (let i = 0; i < src.length; i++) {
    if (src[i] < 0 || Number.isNaN(src[i])) throw new RuntimeError('invalid Poisson rate, expected rate to be non-negative');
    o[i] = poissonSample(src[i]);
  }
  return out;
}

/**
 * Seeds the generator from a non-deterministic source and returns that seed (PyTorch's `torch.seed()`).
 * @example const s = torch.seed(); torch.manual_seed(s)
 */
export function seed(): number {
  const s = Math.floor(Math.random() * 2 ** 31);
  manual_seed(s);
  return s;
}
