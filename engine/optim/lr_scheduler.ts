// torch.optim.lr_scheduler: callable with and without `new`.
import { callableClass } from '../nn/callable';
import * as S from './schedulers';

export const LRScheduler = S.LRScheduler;
export type LRScheduler = S.LRScheduler;
export const StepLR = callableClass(S.StepLR);
export type StepLR = S.StepLR;
export const MultiStepLR = callableClass(S.MultiStepLR);
export type MultiStepLR = S.MultiStepLR;
export const ExponentialLR = callableClass(S.ExponentialLR);
export type ExponentialLR = S.ExponentialLR;
export const CosineAnnealingLR = callableClass(S.CosineAnnealingLR);
export type CosineAnnealingLR = S.CosineAnnealingLR;
export const LambdaLR = callableClass(S.LambdaLR);
export type LambdaLR = S.LambdaLR;
