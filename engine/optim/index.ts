// torch.optim: SGD, Adam, AdamW, RMSprop and lr_scheduler. Constructors work with and without `new`.
import { callableClass } from '../nn/callable';
import { Adam as AdamC, AdamW as AdamWC } from './adam';
import { Optimizer as OptimizerC } from './optimizer';
import { RMSprop as RMSpropC } from './rmsprop';
import { SGD as SGDC } from './sgd';

export * as lr_scheduler from './lr_scheduler';
export type { ParamGroup, ParamGroupInput, Params, OptimizerStateDict } from './optimizer';

export const Optimizer = OptimizerC;
export type Optimizer = OptimizerC;
/** `optim.SGD(model.parameters(), {lr: 1e-2, momentum: 0.9})` */
export const SGD = callableClass(SGDC);
export type SGD = SGDC;
/** `optim.Adam(model.parameters(), {lr: 1e-3})` */
export const Adam = callableClass(AdamC);
export type Adam = AdamC;
export const AdamW = callableClass(AdamWC);
export type AdamW = AdamWC;
export const RMSprop = callableClass(RMSpropC);
export type RMSprop = RMSpropC;

import { unsupported } from '../nn/unsupported';
export const Adagrad = unsupported('torch.optim.Adagrad');
export const Adadelta = unsupported('torch.optim.Adadelta');
export const LBFGS = unsupported('torch.optim.LBFGS');
export const SparseAdam = unsupported('torch.optim.SparseAdam');
