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

import { unsupported } from '../nn/unsupported';
const onlyVgg = 'Torchlit ships the VGG family (vgg11/13/16/19 and _bn)';
export const resnet18 = unsupported('torchvision.models.resnet18', onlyVgg);
export const resnet50 = unsupported('torchvision.models.resnet50', onlyVgg);
export const alexnet = unsupported('torchvision.models.alexnet', onlyVgg);
export const mobilenet_v2 = unsupported('torchvision.models.mobilenet_v2', onlyVgg);
export const efficientnet_b0 = unsupported('torchvision.models.efficientnet_b0', onlyVgg);
export const vit_b_16 = unsupported('torchvision.models.vit_b_16', onlyVgg);
