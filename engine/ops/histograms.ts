// torch._histograms: the training monitor's histograms (app/kernel/views/monitor.ts) of many
// tensors in one call, on the `histograms` kernel of the device they live on (backend/kernels.ts):
// the CPU bins them at once, WebGPU in one fused pass whose words are read back later. The words'
// format is the same on every backend (backend/histogram-words.ts); `_decode_histograms` reads it.
import { RuntimeError } from '../errors';
import { int32 } from '../dtype';
import { getKernel } from '../backend/registry';
import { checkHistogramBins, decodeHistograms, HIST_HDR, type RawHistogram } from '../backend/histogram-words';
import { Tensor } from '../tensor';

export type { RawHistogram } from '../backend/histogram-words';

/**
 * Histograms of `tensors` (all on one device): per tensor `HIST_HDR + bins` int32 words of
 * statistics and counts, in one int32 tensor on that device (read it with `cpu_data()` on the CPU,
 * `await t.data()` anywhere; decode with `torch._decode_histograms`). `out`: a 1-D dense int32
 * tensor on that device, starting at its storage's first element, with room for the words, to
 * write them into (and return) instead of a new tensor.
 * @example const [g] = torch._decode_histograms(torch._histograms([p.grad], 30).cpu_data(), 1, 30)
 */
export function _histograms(tensors: readonly Tensor[], bins = 30, out?: Tensor | null): Tensor {
  // (plain loops and fields: the training monitor calls this every few epochs of a tight loop)
  if (!Array.isArray(tensors)) throw new TypeError("_histograms(): argument 'tensors' must be a list of Tensors");
  checkHistogramBins(bins);
  if (!tensors.length) return Tensor._fromData(new Int32Array(0), [0], int32);
  const device = tensors[0] instanceof Tensor ? tensors[0].device : null;
  for (let i = 0; i < tensors.length; i++) {
    const t = tensors[i];
    if (!(t instanceof Tensor)) throw new TypeError("_histograms(): argument 'tensors' must be a list of Tensors");
    if (t.device !== device) throw new RuntimeError(`Expected all tensors to be on the same device, but found at least two devices, ${device} and ${t.device}!`);
  }
  if (out) {
    const need = tensors.length * (HIST_HDR + bins);
    if (!(out instanceof Tensor) || out.dtype !== int32 || out.device !== device || out._shape.length !== 1 || out._strides[0] !== 1 || out._offset !== 0 || out._shape[0] < need)
      throw new RuntimeError(`_histograms(): out must be a 1-D dense int32 tensor on ${device} from its storage's first element, with at least ${need} elements`);
    return getKernel('histograms', device!.type)(tensors, bins, out);
  }
  return getKernel('histograms', device!.type)(tensors, bins);
}

/** Decodes histograms `first` … `first + count − 1` (of `bins` bins) from the words of `_histograms`. @example torch._decode_histograms(words, 2, 30)[0].counts */
export function _decode_histograms(words: ArrayBufferView | ArrayBuffer, count: number, bins: number, first = 0): RawHistogram[] {
  return decodeHistograms(words, count, bins, first);
}

/** Words per histogram in `_histograms`'s output: the statistics header, then the counts. @example torch._histogram_words(30) // 38 */
export function _histogram_words(bins: number): number {
  return HIST_HDR + bins;
}
