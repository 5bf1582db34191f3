// torch.nn: modules, layers, containers, losses, `init` and `functional` (F).
// Every class is exported callable: `nn.Linear(1, 8)` and `new nn.Linear(1, 8)` both work, and
// the same name is also the instance type (`fc: nn.Linear`).
import { callableClass } from './callable';
import * as A from './activation';
import * as B from './batchnorm';
import * as C from './conv';
import * as Ct from './containers';
import * as D from './dropout';
import * as L from './linear';
import * as Lo from './loss';
import * as M from './module';
import * as P from './parameter';
import * as Po from './pooling';

export * as functional from './functional';
export * as init from './init';
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

export const Identity = callableClass(L.Identity);
export type Identity = L.Identity;
export const Linear = callableClass(L.Linear);
export type Linear = L.Linear;
export const Conv2d = callableClass(C.Conv2d);
export type Conv2d = C.Conv2d;
export const MaxPool2d = callableClass(Po.MaxPool2d);
export type MaxPool2d = Po.MaxPool2d;
export const AvgPool2d = callableClass(Po.AvgPool2d);
export type AvgPool2d = Po.AvgPool2d;
export const AdaptiveAvgPool2d = callableClass(Po.AdaptiveAvgPool2d);
export type AdaptiveAvgPool2d = Po.AdaptiveAvgPool2d;
export const BatchNorm1d = callableClass(B.BatchNorm1d);
export type BatchNorm1d = B.BatchNorm1d;
export const BatchNorm2d = callableClass(B.BatchNorm2d);
export type BatchNorm2d = B.BatchNorm2d;
export const Dropout = callableClass(D.Dropout);
export type Dropout = D.Dropout;
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
export const BCELoss = callableClass(Lo.BCELoss);
export type BCELoss = Lo.BCELoss;
export const BCEWithLogitsLoss = callableClass(Lo.BCEWithLogitsLoss);
export type BCEWithLogitsLoss = Lo.BCEWithLogitsLoss;

// ---- PyTorch modules Torchlit lacks: they throw an error naming themselves ------------------------
import { unsupported } from './unsupported';
export const Conv1d = unsupported('torch.nn.Conv1d', 'use Conv2d with a height of 1');
export const Conv3d = unsupported('torch.nn.Conv3d');
export const ConvTranspose2d = unsupported('torch.nn.ConvTranspose2d');
export const MaxPool1d = unsupported('torch.nn.MaxPool1d');
export const AdaptiveMaxPool2d = unsupported('torch.nn.AdaptiveMaxPool2d');
export const LayerNorm = unsupported('torch.nn.LayerNorm');
export const GroupNorm = unsupported('torch.nn.GroupNorm');
export const InstanceNorm2d = unsupported('torch.nn.InstanceNorm2d');
export const BatchNorm3d = unsupported('torch.nn.BatchNorm3d');
export const Dropout2d = unsupported('torch.nn.Dropout2d');
export const RNN = unsupported('torch.nn.RNN');
export const LSTM = unsupported('torch.nn.LSTM');
export const GRU = unsupported('torch.nn.GRU');
export const Transformer = unsupported('torch.nn.Transformer');
export const MultiheadAttention = unsupported('torch.nn.MultiheadAttention');
export const Bilinear = unsupported('torch.nn.Bilinear');
export const ELU = unsupported('torch.nn.ELU');
export const PReLU = unsupported('torch.nn.PReLU');
export const Hardtanh = unsupported('torch.nn.Hardtanh');
export const Softplus = unsupported('torch.nn.Softplus', 'use F.softplus');
export const HuberLoss = unsupported('torch.nn.HuberLoss');
export const SmoothL1Loss = unsupported('torch.nn.SmoothL1Loss');
export const KLDivLoss = unsupported('torch.nn.KLDivLoss');
export const CTCLoss = unsupported('torch.nn.CTCLoss');
export const DataParallel = unsupported('torch.nn.DataParallel', 'there is one device in the browser');
