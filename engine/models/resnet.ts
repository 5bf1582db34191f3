// ResNet-18/34/50, exactly torchvision 0.14's module tree, names, shapes, initialisation and repr
// (the transfer-learning lesson's `models.resnet18({weights: 'DEFAULT'})`, freeze, new `fc`).
import { NotImplementedError } from '../errors';
import type { Tensor } from '../tensor';
import { AdaptiveAvgPool2d, MaxPool2d } from '../nn/pooling';
import { BatchNorm2d } from '../nn/batchnorm';
import { Conv2d } from '../nn/conv';
import { Linear } from '../nn/linear';
import { ReLU } from '../nn/activation';
import { Module } from '../nn/module';
import { Sequential } from '../nn/containers';
import * as init from '../nn/init';
import { Weights, weightsEnum, type WeightsEnum } from './weights';
import { buildModel, builderOptions, type BuilderOptions } from './builder';

const conv3x3 = (inC: number, outC: number, stride = 1) => new Conv2d(inC, outC, 3, { stride, padding: 1, bias: false });
const conv1x1 = (inC: number, outC: number, stride = 1) => new Conv2d(inC, outC, 1, { stride, bias: false });

/** torchvision's BasicBlock (ResNet-18/34): two 3×3 convolutions and the identity (or `downsample`) added. */
export class BasicBlock extends Module {
  static readonly expansion = 1;
  declare conv1: Conv2d;
  declare bn1: BatchNorm2d;
  declare relu: ReLU;
  declare conv2: Conv2d;
  declare bn2: BatchNorm2d;
  declare downsample: Module | null;
  stride: number;
  constructor(inplanes: number, planes: number, stride = 1, downsample: Module | null = null) {
    super();
    this.conv1 = conv3x3(inplanes, planes, stride);
    this.bn1 = new BatchNorm2d(planes);
    this.relu = new ReLU(true);
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = new BatchNorm2d(planes);
    this.downsample = downsample;
    this.stride = stride;
  }
  forward(x: Tensor): Tensor {
    let out = this.relu(this.bn1(this.conv1(x)));
    out = this.bn2(this.conv2(out));
    const identity = this.downsample ? this.downsample(x) : x;
    out.add_(identity); // torchvision: out += identity
    return this.relu(out);
  }
}

/** torchvision's Bottleneck (ResNet-50): 1×1, 3×3 (the stride), 1×1 ×4, and the identity (or `downsample`) added. */
export class Bottleneck extends Module {
  static readonly expansion = 4;
  declare conv1: Conv2d;
  declare bn1: BatchNorm2d;
  declare conv2: Conv2d;
  declare bn2: BatchNorm2d;
  declare conv3: Conv2d;
  declare bn3: BatchNorm2d;
  declare relu: ReLU;
  declare downsample: Module | null;
  stride: number;
  constructor(inplanes: number, planes: number, stride = 1, downsample: Module | null = null) {
    super();
    this.conv1 = conv1x1(inplanes, planes);
    this.bn1 = new BatchNorm2d(planes);
    this.conv2 = conv3x3(planes, planes, stride);
    this.bn2 = new BatchNorm2d(planes);
    this.conv3 = conv1x1(planes, planes * Bottleneck.expansion);
    this.bn3 = new BatchNorm2d(planes * Bottleneck.expansion);
    this.relu = new ReLU(true);
    this.downsample = downsample;
    this.stride = stride;
  }
  forward(x: Tensor): Tensor {
    let out = this.relu(this.bn1(this.conv1(x)));
    out = this.relu(this.bn2(this.conv2(out)));
    out = this.bn3(this.conv3(out));
    const identity = this.downsample ? this.downsample(x) : x;
    out.add_(identity);
    return this.relu(out);
  }
}

type Block = typeof BasicBlock | typeof Bottleneck;

/** ResNet: a 7×7 stem, four stages of residual blocks (`layer1`…`layer4`), global average pooling and `fc`. */
export class ResNet extends Module {
  declare conv1: Conv2d;
  declare bn1: BatchNorm2d;
  declare relu: ReLU;
  declare maxpool: MaxPool2d;
  declare layer1: Sequential;
  declare layer2: Sequential;
  declare layer3: Sequential;
  declare layer4: Sequential;
  declare avgpool: AdaptiveAvgPool2d;
  declare fc: Linear;
  private inplanes = 64;
  constructor(block: Block, layers: readonly number[], num_classes = 1000, zero_init_residual = false) {
    super();
    this.conv1 = new Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false });
    this.bn1 = new BatchNorm2d(64);
    this.relu = new ReLU(true);
    this.maxpool = new MaxPool2d(3, 2, 1);
    this.layer1 = this.makeLayer(block, 64, layers[0]);
    this.layer2 = this.makeLayer(block, 128, layers[1], 2);
    this.layer3 = this.makeLayer(block, 256, layers[2], 2);
    this.layer4 = this.makeLayer(block, 512, layers[3], 2);
    this.avgpool = new AdaptiveAvgPool2d([1, 1]);
    this.fc = new Linear(512 * block.expansion, num_classes);
    this.zeroInitResidual = zero_init_residual;
  }
  /** torchvision's `zero_init_residual`: each block's last BatchNorm starts at 0 (read by the random init). */
  private zeroInitResidual: boolean;
  private makeLayer(block: Block, planes: number, blocks: number, stride = 1): Sequential {
    let downsample: Module | null = null;
    if (stride !== 1 || this.inplanes !== planes * block.expansion)
      downsample = new Sequential(conv1x1(this.inplanes, planes * block.expansion, stride), new BatchNorm2d(planes * block.expansion));
    const layers: Module[] = [new block(this.inplanes, planes, stride, downsample)];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++) layers.push(new block(this.inplanes, planes));
    return new Sequential(...layers);
  }
  forward(x: Tensor): Tensor {
    x = this.maxpool(this.relu(this.bn1(this.conv1(x))));
    x = this.layer4(this.layer3(this.layer2(this.layer1(x))));
    return this.fc(this.avgpool(x).flatten(1));
  }
  /** torchvision's initialisation, in place: convolutions kaiming_normal_(fan_out, relu), BatchNorm 1 and 0, `fc` as Linear's own. */
  _init(): void {
    for (const m of this.modules()) {
      if (m instanceof Conv2d) init.kaiming_normal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      else if (m instanceof BatchNorm2d) {
        init.constant_(m.weight!, 1);
        init.constant_(m.bias!, 0);
      } else if (m instanceof Linear) m.reset_parameters();
    }
    if (this.zeroInitResidual)
      for (const m of this.modules()) {
        if (m instanceof Bottleneck) init.constant_(m.bn3.weight!, 0);
        else if (m instanceof BasicBlock) init.constant_(m.bn2.weight!, 0);
      }
  }
}

// ---- weights and builders ------------------------------------------------------------------------
const TV = 'https://download.pytorch.org/models/';
// torchvision 0.14's meta for the ResNet V1 weights
const RESNET_FAMILY = {
  min_size: [1, 1] as [number, number],
  recipe: 'https://github.com/pytorch/vision/tree/main/references/classification#resnet',
  _docs: 'These weights reproduce closely the results of the paper using a simple training recipe.',
};
export const ResNet18_Weights = weightsEnum('ResNet18_Weights', 'resnet18.safetensors', TV + 'resnet18-f37072fd.pth', 11689512, 69.758, 89.078, RESNET_FAMILY);
export const ResNet34_Weights = weightsEnum('ResNet34_Weights', 'resnet34.safetensors', TV + 'resnet34-b627a593.pth', 21797672, 73.314, 91.42, RESNET_FAMILY);

export interface ResNetBuilderOptions extends BuilderOptions {
  /** torchvision's `zero_init_residual` (default false). */
  zero_init_residual?: boolean;
}

function build(name: string, block: Block, layers: number[], wenum: WeightsEnum | null, opts: ResNetBuilderOptions | Weights | string | null | undefined): Promise<ResNet> {
  const o = builderOptions<ResNetBuilderOptions>(opts);
  // built without the layers' default init: torchvision's ResNet init, or the weights, fill them next
  const make = () => init._withoutInit(() => new ResNet(block, layers, o.num_classes ?? 1000, o.zero_init_residual ?? false));
  return buildModel(name, wenum ?? noWeights(name), o, make, (m) => m._init());
}

/** ResNet-50's weights: torchvision's DEFAULT is IMAGENET1K_V2, a second file Torchlit does not list yet. */
function noWeights(name: string): WeightsEnum {
  return {
    get IMAGENET1K_V1(): Weights {
      throw unsupportedWeights(name);
    },
    get DEFAULT(): Weights {
      throw unsupportedWeights(name);
    },
    verify(w) {
      if (w === null || w === undefined) return null;
      throw unsupportedWeights(name);
    },
  };
}
const unsupportedWeights = (name: string) =>
  new NotImplementedError(`pretrained weights for ${name} are not available in Torchlit yet (its DEFAULT is torchvision's IMAGENET1K_V2); use weights: null (random init), or resnet18/resnet34 with weights: 'DEFAULT'`);

type Builder = (opts?: ResNetBuilderOptions | Weights | string | null) => Promise<ResNet>;

/**
 * ResNet-18, as torchvision: BasicBlocks [2, 2, 2, 2], 11,689,512 parameters. `{weights: 'DEFAULT'}` reads
 * `resnet18.safetensors` from the app's weights folder (README: Pretrained weights).
 * @example const model = await models.resnet18();  // random weights, torchvision's init
 * model.fc = nn.Linear(model.fc.in_features, 2);      // a new head (transfer learning)
 */
export const resnet18: Builder = (opts) => build('resnet18', BasicBlock, [2, 2, 2, 2], ResNet18_Weights, opts);
/** ResNet-34, as torchvision: BasicBlocks [3, 4, 6, 3], 21,797,672 parameters. @example const model = await models.resnet34(); */
export const resnet34: Builder = (opts) => build('resnet34', BasicBlock, [3, 4, 6, 3], ResNet34_Weights, opts);
/** ResNet-50, as torchvision: Bottlenecks [3, 4, 6, 3], 25,557,032 parameters (random init only in Torchlit). @example const model = await models.resnet50(); */
export const resnet50: Builder = (opts) => build('resnet50', Bottleneck, [3, 4, 6, 3], null, opts);
