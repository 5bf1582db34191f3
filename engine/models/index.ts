// torchvision.models: the VGG family with torchvision's names, and its weights entries.
import { callableClass } from '../nn/callable';
import { VGG as VGGClass } from './vgg';

export {
  vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19, vgg19_bn, make_layers,
  VGG11_Weights, VGG11_BN_Weights, VGG13_Weights, VGG13_BN_Weights, VGG16_Weights, VGG16_BN_Weights, VGG19_Weights, VGG19_BN_Weights,
  weights_config, set_weights_base_url, timmVggKeyMap,
} from './vgg';
export type { VGGBuilderOptions } from './vgg';
export { Weights } from './weights';
export type { WeightsEnum, WeightsMeta } from './weights';
export const VGG = callableClass(VGGClass);
export type VGG = VGGClass;
