// torchvision.models: the VGG family and ResNet-18/34/50 with torchvision's names, and their weights entries.
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

import { BasicBlock as BasicBlockClass, Bottleneck as BottleneckClass, ResNet as ResNetClass } from './resnet';
export { resnet18, resnet34, resnet50, ResNet18_Weights, ResNet34_Weights } from './resnet';
export type { ResNetBuilderOptions } from './resnet';
export const ResNet = callableClass(ResNetClass);
export type ResNet = ResNetClass;
export const BasicBlock = callableClass(BasicBlockClass);
export type BasicBlock = BasicBlockClass;
export const Bottleneck = callableClass(BottleneckClass);
export type Bottleneck = BottleneckClass;

import { unsupported } from '../nn/unsupported';
const onlyVgg = 'Torchlit ships the VGG family (vgg11/13/16/19 and _bn) and ResNet-18/34/50';
export const alexnet = unsupported('torchvision.models.alexnet', onlyVgg);
export const mobilenet_v2 = unsupported('torchvision.models.mobilenet_v2', onlyVgg);
export const efficientnet_b0 = unsupported('torchvision.models.efficientnet_b0', onlyVgg);
export const vit_b_16 = unsupported('torchvision.models.vit_b_16', onlyVgg);
