// torch.optim: SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, NAdam, RAdam, Adamax, ASGD, Rprop, LBFGS, SparseAdam and lr_scheduler. Constructors work with and without `new`.
import { callableClass } from '../nn/callable';
import { Adadelta as AdadeltaC, Adagrad as AdagradC } from './adagrad';
import { Adam as AdamC, AdamW as AdamWC } from './adam';
import { Adamax as AdamaxC } from './adamax';
import { ASGD as ASGDC } from './asgd';
import { Rprop as RpropC } from './rprop';
import { NAdam as NAdamC, RAdam as RAdamC } from './nadam';
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
/** `optim.Adagrad(model.parameters(), {lr: 0.1})` */
export const Adagrad = callableClass(AdagradC);
export type Adagrad = AdagradC;
/** `optim.Adadelta(model.parameters())` (lr 1.0 by default) */
export const Adadelta = callableClass(AdadeltaC);
export type Adadelta = AdadeltaC;
/** `optim.NAdam(model.parameters(), {lr: 2e-3})` */
export const NAdam = callableClass(NAdamC);
export type NAdam = NAdamC;
/** `optim.RAdam(model.parameters(), {lr: 1e-3})` */
export const RAdam = callableClass(RAdamC);
export type RAdam = RAdamC;
/** `optim.Adamax(model.parameters(), {lr: 2e-3})` */
export const Adamax = callableClass(AdamaxC);
export type Adamax = AdamaxC;
/** `optim.ASGD(model.parameters(), {lr: 1e-2})` */
export const ASGD = callableClass(ASGDC);
export type ASGD = ASGDC;
/** `optim.Rprop(model.parameters(), {lr: 1e-2})` */
export const Rprop = callableClass(RpropC);
export type Rprop = RpropC;

import { LBFGS as LBFGSC } from './lbfgs';
import { SparseAdam as SparseAdamC } from './sparse-adam';
/** `optim.LBFGS([x], {line_search_fn: 'strong_wolfe'})`; `step(closure)` */
export const LBFGS = callableClass(LBFGSC);
export type LBFGS = LBFGSC;
/** `optim.SparseAdam(params)`: Torchlit's gradients are dense, so step() raises PyTorch's error */
export const SparseAdam = callableClass(SparseAdamC);
export type SparseAdam = SparseAdamC;
