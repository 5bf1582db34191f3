// VGG 11/13/16/19 (with and without batch norm), exactly torchvision 0.14's module tree, names,
// shapes, initialisation and repr. Builders are async because pretrained weights are streamed
// from a safetensors file.
import { Tensor } from '../tensor';
import type { KeyMap } from '../io/load_module';
import { AdaptiveAvgPool2d } from '../nn/pooling';
import { BatchNorm2d } from '../nn/batchnorm';
import { Conv2d } from '../nn/conv';
import { Dropout } from '../nn/dropout';
import { Linear } from '../nn/linear';
import { ReLU } from '../nn/activation';
import { MaxPool2d } from '../nn/pooling';
import { Module } from '../nn/module';
import { Sequential } from '../nn/containers';
import * as init from '../nn/init';
import { Weights, weightsEnum, type WeightsEnum } from './weights';
import { buildModel, builderOptions, type BuilderOptions } from './builder';
export { weights_config, set_weights_base_url } from './builder';

/** VGG: `features` (convolutions), `avgpool` (to 7×7), `classifier` (three Linear layers). */
export class VGG extends Module {
  declare features: Sequential;
  declare avgpool: AdaptiveAvgPool2d;
  declare classifier: Sequential;
  constructor(features: Sequential, num_classes = 1000, init_weights = true, dropout = 0.5) {
    super();
    this.features = features;
    this.avgpool = new AdaptiveAvgPool2d([7, 7]);
    this.classifier = new Sequential(
      new Linear(512 * 7 * 7, 4096), new ReLU(true), new Dropout(dropout),
      new Linear(4096, 4096), new ReLU(true), new Dropout(dropout),
      new Linear(4096, num_classes),
    );
    if (init_weights) vggInit(this);
  }
  forward(x: Tensor): Tensor {
    return this.classifier(this.avgpool(this.features(x)).flatten(1));
  }
}

/** torchvision's VGG initialisation, in place. */
function vggInit(model: Module): void {
  for (const m of model.modules()) {
    if (m instanceof Conv2d) {
      init.kaiming_normal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      if (m.bias) init.constant_(m.bias, 0);
    } else if (m instanceof BatchNorm2d) {
      init.constant_(m.weight!, 1);
      init.constant_(m.bias!, 0);
    } else if (m instanceof Linear) {
      init.normal_(m.weight, 0, 0.01);
      init.constant_(m.bias!, 0);
    }
  }
}

type Cfg = (number | 'M')[];
const cfgs: Record<'A' | 'B' | 'D' | 'E', Cfg> = {
  A: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  B: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  D: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  E: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

export function make_layers(cfg: Cfg, batch_norm = false): Sequential {
  const layers: Module[] = [];
  let inC = 3;
  for (const v of cfg) {
    if (v === 'M') layers.push(new MaxPool2d(2, 2));
    else {
      layers.push(new Conv2d(inC, v, 3, { padding: 1 }));
      if (batch_norm) layers.push(new BatchNorm2d(v));
      layers.push(new ReLU(true));
      inC = v;
    }
  }
  return new Sequential(...layers);
}

// ---- weights -------------------------------------------------------------------------------------
const TV = 'https://download.pytorch.org/models/';
export const VGG11_Weights = weightsEnum('VGG11_Weights', 'vgg11.safetensors', TV + 'vgg11-8a719046.pth', 132863336, 69.02, 88.628);
export const VGG11_BN_Weights = weightsEnum('VGG11_BN_Weights', 'vgg11_bn.safetensors', TV + 'vgg11_bn-6002323d.pth', 132868840, 70.37, 89.81);
export const VGG13_Weights = weightsEnum('VGG13_Weights', 'vgg13.safetensors', TV + 'vgg13-19584684.pth', 133047848, 69.928, 89.246);
export const VGG13_BN_Weights = weightsEnum('VGG13_BN_Weights', 'vgg13_bn.safetensors', TV + 'vgg13_bn-abd245e5.pth', 133053736, 71.586, 90.374);
export const VGG16_Weights = weightsEnum('VGG16_Weights', 'vgg16.safetensors', TV + 'vgg16-397923af.pth', 138357544, 71.592, 90.382);
export const VGG16_BN_Weights = weightsEnum('VGG16_BN_Weights', 'vgg16_bn.safetensors', TV + 'vgg16_bn-6c64b313.pth', 138365992, 73.36, 91.516);
export const VGG19_Weights = weightsEnum('VGG19_Weights', 'vgg19.safetensors', TV + 'vgg19-dcbb9e9d.pth', 143667240, 72.376, 90.876);
export const VGG19_BN_Weights = weightsEnum('VGG19_BN_Weights', 'vgg19_bn.safetensors', TV + 'vgg19_bn-c79401a0.pth', 143678248, 74.218, 91.842);

/** timm's `vgg16.tv_in1k` names → torchvision's (its conv-shaped fc weights are reshaped on load). */
export const timmVggKeyMap: KeyMap = (k) =>
  k.replace(/^pre_logits\.fc1\./, 'classifier.0.').replace(/^pre_logits\.fc2\./, 'classifier.3.').replace(/^head\.fc\./, 'classifier.6.');

export interface VGGBuilderOptions extends BuilderOptions {
  init_weights?: boolean;
  dropout?: number;
}

/** How to get a VGG weights file (timm's vgg16.tv_in1k also works for vgg16: its names are mapped). */
const vggHowTo = (name: string) => (name === 'vgg16' ? `, or download timm's vgg16.tv_in1k model.safetensors from https://huggingface.co/timm/vgg16.tv_in1k (its names are mapped)` : '');

function build(name: string, cfg: Cfg, bn: boolean, wenum: WeightsEnum, opts: VGGBuilderOptions | Weights | string | null = {}): Promise<VGG> {
  const o = builderOptions<VGGBuilderOptions>(opts);
  // Layers are built without their default init: either torchvision's VGG init or the weights fill them next.
  const make = () => init._withoutInit(() => new VGG(make_layers(cfg, bn), o.num_classes ?? 1000, false, o.dropout ?? 0.5));
  return buildModel(name, wenum, o, make, (model) => {
    if (o.init_weights ?? true) vggInit(model);
  }, { keyMap: timmVggKeyMap, howTo: vggHowTo(name) });
}

type Builder = (opts?: VGGBuilderOptions | Weights | string | null) => Promise<VGG>;
const builder = (name: string, cfg: Cfg, bn: boolean, wenum: WeightsEnum): Builder => (opts) => build(name, cfg, bn, wenum, opts);

/**
 * VGG-16 (configuration D), as torchvision. 138,357,544 parameters.
 * @example const model = await models.vgg16();  // random weights; {weights: 'DEFAULT'} loads ImageNet's (README: Pretrained weights)
 */
export const vgg16 = builder('vgg16', cfgs.D, false, VGG16_Weights);
export const vgg16_bn = builder('vgg16_bn', cfgs.D, true, VGG16_BN_Weights);
export const vgg11 = builder('vgg11', cfgs.A, false, VGG11_Weights);
export const vgg11_bn = builder('vgg11_bn', cfgs.A, true, VGG11_BN_Weights);
export const vgg13 = builder('vgg13', cfgs.B, false, VGG13_Weights);
export const vgg13_bn = builder('vgg13_bn', cfgs.B, true, VGG13_BN_Weights);
export const vgg19 = builder('vgg19', cfgs.E, false, VGG19_Weights);
export const vgg19_bn = builder('vgg19_bn', cfgs.E, true, VGG19_BN_Weights);
