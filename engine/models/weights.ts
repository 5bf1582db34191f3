// Pretrained-weights entries, shaped like torchvision's WeightsEnum: `VGG16_Weights.DEFAULT`,
// `.IMAGENET1K_V1`, with `url`, `meta` (categories, metrics) and `transforms()`.
import { RuntimeError } from '../errors';
import type { Tensor } from '../tensor';
import categories from './imagenet_categories.json';
import { imageClassification } from './transforms';

export interface WeightsMeta {
  min_size: [number, number];
  categories: string[];
  recipe: string;
  num_params: number;
  _metrics: Record<string, Record<string, number>>;
  _docs: string;
}

export class Weights {
  constructor(
    /** e.g. `VGG16_Weights` */
    readonly enum_name: string,
    /** e.g. `IMAGENET1K_V1` */
    readonly name: string,
    /** torchvision's .pth URL (Torchlit reads the safetensors file converted from it). */
    readonly url: string,
    /** The safetensors file name Torchlit looks for, e.g. `vgg16.safetensors`. */
    readonly file: string,
    readonly meta: WeightsMeta,
  ) {}
  /** The preprocessing for these weights: resize 256, centre-crop 224, ImageNet normalisation. */
  transforms(): (img: Tensor) => Tensor {
    return imageClassification({ crop_size: 224 });
  }
  /** torchvision prints `VGG16_Weights.IMAGENET1K_V1`. */
  toString(): string {
    return `${this.enum_name}.${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export interface WeightsEnum {
  readonly IMAGENET1K_V1: Weights;
  readonly DEFAULT: Weights;
  /** Accepts a Weights entry, its name ('IMAGENET1K_V1', 'DEFAULT', 'VGG16_Weights.DEFAULT') or null. */
  verify(w: Weights | string | null | undefined): Weights | null;
}

/** What torchvision's meta says beyond the numbers; VGG's by default. */
export interface WeightsFamily {
  min_size: [number, number];
  recipe: string;
  _docs: string;
}
const VGG_FAMILY: WeightsFamily = {
  min_size: [32, 32],
  recipe: 'https://github.com/pytorch/vision/tree/main/references/classification#alexnet-and-vgg',
  _docs: 'These weights were trained from scratch by using a simplified training recipe.',
};

export function weightsEnum(enumName: string, file: string, url: string, num_params: number, acc1: number, acc5: number, family: WeightsFamily = VGG_FAMILY): WeightsEnum {
  const w = new Weights(enumName, 'IMAGENET1K_V1', url, file, {
    min_size: family.min_size,
    categories: categories as string[],
    recipe: family.recipe,
    num_params,
    _metrics: { 'ImageNet-1K': { 'acc@1': acc1, 'acc@5': acc5 } },
    _docs: family._docs,
  });
  const e: WeightsEnum = {
    IMAGENET1K_V1: w,
    DEFAULT: w,
    verify(x) {
      if (x === null || x === undefined) return null;
      if (x instanceof Weights) {
        if (x.enum_name !== enumName) throw new RuntimeError(`Invalid Weight class provided; expected ${enumName} but received ${x.enum_name}.`);
        return x;
      }
      const name = String(x).replace(new RegExp(`^${enumName}\\.`), '');
      if (name === 'IMAGENET1K_V1' || name === 'DEFAULT') return w;
      throw new RuntimeError(`Failed to find Weights ${name} in ${enumName}. Try one of IMAGENET1K_V1, DEFAULT`);
    },
  };
  return Object.freeze(e);
}
