// A few torchvision.transforms for tensors: Compose, ToTensor (identity: datasets already give tensors), Normalize, Lambda.
import { float32 } from '../dtype';
import { Tensor } from '../tensor';

export type Transform = (x: Tensor) => Tensor;

/** Applies transforms in order. @example transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]) */
export function Compose(ts: Transform[]): Transform {
  return (x) => ts.reduce((acc, t) => t(acc), x);
}
/** Datasets here already yield float tensors in [0, 1]; integer images are scaled by 1/255. */
export function ToTensor(): Transform {
  return (x) => (x.dtype.is_floating_point ? x : x.to(float32).div(255));
}
/** (x − mean) / std per channel (dim −3). */
export function Normalize(mean: number[] | number, std: number[] | number): Transform {
  const m = Array.isArray(mean) ? mean : [mean];
  const s = Array.isArray(std) ? std : [std];
  const mt = Tensor._fromData(Float32Array.from(m), [m.length, 1, 1], float32);
  const st = Tensor._fromData(Float32Array.from(s), [s.length, 1, 1], float32);
  return (x) => x.sub(mt.device === x.device ? mt : mt.to(x.device)).div(st.device === x.device ? st : st.to(x.device));
}

/**
 * A user function as a transform, as torchvision's `Lambda` (the lesson's one-hot `target_transform`).
 * @example transforms.Lambda((y) => torch.zeros(10).scatter_(0, torch.tensor(y), {value: 1}))
 */
export function Lambda<I, O>(lambd: (x: I) => O): (x: I) => O {
  if (typeof lambd !== 'function') throw new TypeError(`Argument lambd should be callable, got ${typeof lambd}`);
  return (x) => lambd(x);
}
