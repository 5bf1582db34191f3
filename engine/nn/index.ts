// torch.nn: modules, layers, containers, losses, `init` and `functional` (F).
// Every class is exported callable: `nn.Linear(1, 8)` and `new nn.Linear(1, 8)` both work, and
// the same name is also the instance type (`fc: nn.Linear`).
import { callableClass } from './callable';
import * as A from './activation';
import * as B from './batchnorm';
import * as C from './conv';
import * as C1 from './conv1d';
import * as CT from './conv-transpose2d';
import * as P1 from './pooling1d';
import * as Ct from './containers';
import * as D from './dropout';
import * as L from './linear';
import * as Bi from './bilinear';
import * as Di from './distance';
import * as IN from './instancenorm';
import * as LMN from './loss-margin-nll';
import * as Pd from './padding';
import * as Up from './upsampling';
import * as TR from './transformer';
import * as Fo from './fold';
import * as C3 from './conv3d';
import * as EB from './embedding-bag';
import * as TD from './transformer-decoder';
import * as CTC from './ctc-loss';
import * as P3 from './pool3d';
import * as Lo from './loss';
import * as N from './normalization';
import * as M from './module';
import * as P from './parameter';
import * as PC from './param-containers';
import type { Tensor } from '../tensor';
import * as Po from './pooling';
import * as R from './rnn';
import * as RC from './rnn-cell';

export * as functional from './functional';
export * as init from './init';
export * as utils from './utils';
export type { StateDict } from './module';
export type { Reduction } from './functional';

export const Module = callableClass(M.Module);
export type Module = M.Module;
/** `nn.Parameter(tensor, requires_grad = true)`: a tensor a Module registers as its parameter. */
export const Parameter = callableClass(P.Parameter);
export type Parameter = P.Parameter;

/** Container constructors: modules (names 0, 1, …), a Map (OrderedDict form), or a plain object whose names become typed attributes. */
export interface SequentialConstructor {
  new (...modules: M.Module[]): Ct.Sequential;
  // A Map's names are only known at run time: attributes are untyped.
   
  new (modules: Map<string, M.Module>): Ct.Sequential & { [name: string]: any };
  new <T extends Record<string, M.Module>>(modules: T): Ct.Sequential & T;
  (...modules: M.Module[]): Ct.Sequential;
   
  (modules: Map<string, M.Module>): Ct.Sequential & { [name: string]: any };
  <T extends Record<string, M.Module>>(modules: T): Ct.Sequential & T;
  readonly prototype: Ct.Sequential;
}
export const Sequential = callableClass(Ct.Sequential) as unknown as SequentialConstructor;
export type Sequential = Ct.Sequential;
export const ModuleList = callableClass(Ct.ModuleList);
export type ModuleList<T extends M.Module = M.Module> = Ct.ModuleList<T>;
export interface ModuleDictConstructor {
  new <T extends Record<string, M.Module>>(modules?: T): Ct.ModuleDict & T;
  new <T extends M.Module>(modules?: Map<string, T> | [string, T][] | null): Ct.ModuleDict<T>;
  <T extends Record<string, M.Module>>(modules?: T): Ct.ModuleDict & T;
  <T extends M.Module>(modules?: Map<string, T> | [string, T][] | null): Ct.ModuleDict<T>;
  readonly prototype: Ct.ModuleDict;
}
export const ModuleDict = callableClass(Ct.ModuleDict) as unknown as ModuleDictConstructor;
export type ModuleDict<T extends M.Module = M.Module> = Ct.ModuleDict<T>;

export const ParameterList = callableClass(PC.ParameterList);
export type ParameterList = PC.ParameterList;
/** ParameterDict constructors: a plain object's names become typed attributes (`pd.scale`). */
export interface ParameterDictConstructor {
  new <T extends Record<string, Tensor>>(values?: T): PC.ParameterDict & T;
  new (values?: Map<string, Tensor> | [string, Tensor][] | null): PC.ParameterDict;
  <T extends Record<string, Tensor>>(values?: T): PC.ParameterDict & T;
  (values?: Map<string, Tensor> | [string, Tensor][] | null): PC.ParameterDict;
  readonly prototype: PC.ParameterDict;
}
export const ParameterDict = callableClass(PC.ParameterDict) as unknown as ParameterDictConstructor;
export type ParameterDict = PC.ParameterDict;

export const Identity = callableClass(L.Identity);
export type Identity = L.Identity;
export const Linear = callableClass(L.Linear);
export type Linear = L.Linear;
export const Conv2d = callableClass(C.Conv2d);
export type Conv2d = C.Conv2d;
export const Conv1d = callableClass(C1.Conv1d);
export type Conv1d = C1.Conv1d;
export const ConvTranspose2d = callableClass(CT.ConvTranspose2d);
export type ConvTranspose2d = CT.ConvTranspose2d;
export const MaxPool1d = callableClass(P1.MaxPool1d);
export type MaxPool1d = P1.MaxPool1d;
export const AvgPool1d = callableClass(P1.AvgPool1d);
export type AvgPool1d = P1.AvgPool1d;
export const AdaptiveAvgPool1d = callableClass(P1.AdaptiveAvgPool1d);
export type AdaptiveAvgPool1d = P1.AdaptiveAvgPool1d;
export const LayerNorm = callableClass(N.LayerNorm);
export type LayerNorm = N.LayerNorm;
export const GroupNorm = callableClass(N.GroupNorm);
export type GroupNorm = N.GroupNorm;
export const MaxPool2d = callableClass(Po.MaxPool2d);
export type MaxPool2d = Po.MaxPool2d;
export const AvgPool2d = callableClass(Po.AvgPool2d);
export type AvgPool2d = Po.AvgPool2d;
export const AdaptiveAvgPool2d = callableClass(Po.AdaptiveAvgPool2d);
export type AdaptiveAvgPool2d = Po.AdaptiveAvgPool2d;
export const AdaptiveMaxPool2d = callableClass(Po.AdaptiveMaxPool2d);
export type AdaptiveMaxPool2d = Po.AdaptiveMaxPool2d;
export const BatchNorm1d = callableClass(B.BatchNorm1d);
export type BatchNorm1d = B.BatchNorm1d;
export const BatchNorm2d = callableClass(B.BatchNorm2d);
export type BatchNorm2d = B.BatchNorm2d;
export const Dropout = callableClass(D.Dropout);
export type Dropout = D.Dropout;
export const Dropout1d = callableClass(D.Dropout1d);
export type Dropout1d = D.Dropout1d;
export const Dropout2d = callableClass(D.Dropout2d);
export type Dropout2d = D.Dropout2d;
export const Flatten = callableClass(D.Flatten);
export type Flatten = D.Flatten;
export const Unflatten = callableClass(D.Unflatten);
export type Unflatten = D.Unflatten;
export const Embedding = callableClass(D.Embedding);
export type Embedding = D.Embedding;

export const ReLU = callableClass(A.ReLU);
export type ReLU = A.ReLU;
export const ReLU6 = callableClass(A.ReLU6);
export type ReLU6 = A.ReLU6;
export const Tanh = callableClass(A.Tanh);
export type Tanh = A.Tanh;
export const Sigmoid = callableClass(A.Sigmoid);
export type Sigmoid = A.Sigmoid;
export const SiLU = callableClass(A.SiLU);
export type SiLU = A.SiLU;
export const GELU = callableClass(A.GELU);
export type GELU = A.GELU;
export const LeakyReLU = callableClass(A.LeakyReLU);
export type LeakyReLU = A.LeakyReLU;
export const RReLU = callableClass(A.RReLU);
export type RReLU = A.RReLU;
export const GLU = callableClass(A.GLU);
export type GLU = A.GLU;
export const ELU = callableClass(A.ELU);
export type ELU = A.ELU;
export const CELU = callableClass(A.CELU);
export type CELU = A.CELU;
export const SELU = callableClass(A.SELU);
export type SELU = A.SELU;
export const PReLU = callableClass(A.PReLU);
export type PReLU = A.PReLU;
export const Softplus = callableClass(A.Softplus);
export type Softplus = A.Softplus;
export const Hardtanh = callableClass(A.Hardtanh);
export type Hardtanh = A.Hardtanh;
export const Mish = callableClass(A.Mish);
export type Mish = A.Mish;
export const Hardswish = callableClass(A.Hardswish);
export type Hardswish = A.Hardswish;
export const Hardsigmoid = callableClass(A.Hardsigmoid);
export type Hardsigmoid = A.Hardsigmoid;
export const LogSigmoid = callableClass(A.LogSigmoid);
export type LogSigmoid = A.LogSigmoid;
export const Softsign = callableClass(A.Softsign);
export type Softsign = A.Softsign;
export const Tanhshrink = callableClass(A.Tanhshrink);
export type Tanhshrink = A.Tanhshrink;
export const Hardshrink = callableClass(A.Hardshrink);
export type Hardshrink = A.Hardshrink;
export const Softshrink = callableClass(A.Softshrink);
export type Softshrink = A.Softshrink;
export const Threshold = callableClass(A.Threshold);
export type Threshold = A.Threshold;
export const Softmin = callableClass(A.Softmin);
export type Softmin = A.Softmin;
export const Softmax = callableClass(A.Softmax);
export type Softmax = A.Softmax;
export const LogSoftmax = callableClass(A.LogSoftmax);
export type LogSoftmax = A.LogSoftmax;

export const MSELoss = callableClass(Lo.MSELoss);
export type MSELoss = Lo.MSELoss;
export const L1Loss = callableClass(Lo.L1Loss);
export type L1Loss = Lo.L1Loss;
export const NLLLoss = callableClass(Lo.NLLLoss);
export type NLLLoss = Lo.NLLLoss;
export const CrossEntropyLoss = callableClass(Lo.CrossEntropyLoss);
export type CrossEntropyLoss = Lo.CrossEntropyLoss;
export const NLLLoss2d = callableClass(Lo.NLLLoss2d);
export type NLLLoss2d = Lo.NLLLoss2d;
export const SmoothL1Loss = callableClass(Lo.SmoothL1Loss);
export type SmoothL1Loss = Lo.SmoothL1Loss;
export const HuberLoss = callableClass(Lo.HuberLoss);
export type HuberLoss = Lo.HuberLoss;
export const KLDivLoss = callableClass(Lo.KLDivLoss);
export type KLDivLoss = Lo.KLDivLoss;
export const BCELoss = callableClass(Lo.BCELoss);
export type BCELoss = Lo.BCELoss;
export const BCEWithLogitsLoss = callableClass(Lo.BCEWithLogitsLoss);
export type BCEWithLogitsLoss = Lo.BCEWithLogitsLoss;

export const RNNBase = R.RNNBase;
export type RNNBase = R.RNNBase;
export const RNN = callableClass(R.RNN);
export type RNN = R.RNN;
export const LSTM = callableClass(R.LSTM);
export type LSTM = R.LSTM;
export const GRU = callableClass(R.GRU);
export type GRU = R.GRU;
export const RNNCell = callableClass(RC.RNNCell);
export type RNNCell = RC.RNNCell;
export const LSTMCell = callableClass(RC.LSTMCell);
export type LSTMCell = RC.LSTMCell;
export const GRUCell = callableClass(RC.GRUCell);
export type GRUCell = RC.GRUCell;

// ---- PyTorch modules Torchlit lacks: they throw an error naming themselves ------------------------
import { unsupported } from './unsupported';
export const DataParallel = unsupported('torch.nn.DataParallel', 'there is one device in the browser');

// past the seed (distance, upsampling, bilinear, instancenorm, padding, loss-margin-nll, batchnorm)
export const BatchNorm3d = callableClass(B.BatchNorm3d);
export type BatchNorm3d = B.BatchNorm3d;
export const CosineSimilarity = callableClass(Di.CosineSimilarity);
export type CosineSimilarity = Di.CosineSimilarity;
export const PairwiseDistance = callableClass(Di.PairwiseDistance);
export type PairwiseDistance = Di.PairwiseDistance;
export const PixelShuffle = callableClass(Up.PixelShuffle);
export type PixelShuffle = Up.PixelShuffle;
export const Bilinear = callableClass(Bi.Bilinear);
export type Bilinear = Bi.Bilinear;
export const InstanceNorm2d = callableClass(IN.InstanceNorm2d);
export type InstanceNorm2d = IN.InstanceNorm2d;
export const Upsample = callableClass(Up.Upsample);
export type Upsample = Up.Upsample;
export const ZeroPad2d = callableClass(Pd.ZeroPad2d);
export type ZeroPad2d = Pd.ZeroPad2d;
export const ConstantPad2d = callableClass(Pd.ConstantPad2d);
export type ConstantPad2d = Pd.ConstantPad2d;
export const ReflectionPad2d = callableClass(Pd.ReflectionPad2d);
export type ReflectionPad2d = Pd.ReflectionPad2d;
export const MarginRankingLoss = callableClass(LMN.MarginRankingLoss);
export type MarginRankingLoss = LMN.MarginRankingLoss;
export const HingeEmbeddingLoss = callableClass(LMN.HingeEmbeddingLoss);
export type HingeEmbeddingLoss = LMN.HingeEmbeddingLoss;
export const CosineEmbeddingLoss = callableClass(LMN.CosineEmbeddingLoss);
export type CosineEmbeddingLoss = LMN.CosineEmbeddingLoss;
export const TripletMarginLoss = callableClass(LMN.TripletMarginLoss);
export type TripletMarginLoss = LMN.TripletMarginLoss;
export const PoissonNLLLoss = callableClass(LMN.PoissonNLLLoss);
export type PoissonNLLLoss = LMN.PoissonNLLLoss;
export const GaussianNLLLoss = callableClass(LMN.GaussianNLLLoss);
export type GaussianNLLLoss = LMN.GaussianNLLLoss;
export const MultiheadAttention = callableClass(TR.MultiheadAttention);
export type MultiheadAttention = TR.MultiheadAttention;
export const TransformerEncoderLayer = callableClass(TR.TransformerEncoderLayer);
export type TransformerEncoderLayer = TR.TransformerEncoderLayer;
export const TransformerEncoder = callableClass(TR.TransformerEncoder);
export type TransformerEncoder = TR.TransformerEncoder;

// nn breadth (issue 15): fold.ts
export const Unfold = callableClass(Fo.Unfold);
export type Unfold = Fo.Unfold;
export const Fold = callableClass(Fo.Fold);
export type Fold = Fo.Fold;
export const Conv3d = callableClass(C3.Conv3d);
export type Conv3d = C3.Conv3d;
export const EmbeddingBag = callableClass(EB.EmbeddingBag);
export type EmbeddingBag = EB.EmbeddingBag;
export const TransformerDecoderLayer = callableClass(TD.TransformerDecoderLayer);
export type TransformerDecoderLayer = TD.TransformerDecoderLayer;
export const TransformerDecoder = callableClass(TD.TransformerDecoder);
export type TransformerDecoder = TD.TransformerDecoder;
export const Transformer = callableClass(TD.Transformer);
export type Transformer = TD.Transformer;
export const CTCLoss = callableClass(CTC.CTCLoss);
export type CTCLoss = CTC.CTCLoss;
export const MaxPool3d = callableClass(P3.MaxPool3d);
export type MaxPool3d = P3.MaxPool3d;
export const AvgPool3d = callableClass(P3.AvgPool3d);
export type AvgPool3d = P3.AvgPool3d;
