// Dropout3d and the alpha dropouts (AlphaDropout, FeatureAlphaDropout) as modules: Dropout's
// arguments and repr, identity in eval mode.
import type { Tensor } from '../tensor';
import { Dropout } from './dropout';
import { alpha_dropout, dropout3d, feature_alpha_dropout } from './functional-dropout-extra';

/** Zeroes whole channels of [N, C, D, H, W] (or [C, D, H, W]) with probability p in training. @example nn.Dropout3d(0.2) */
export class Dropout3d extends Dropout {
  forward(input: Tensor): Tensor {
    return dropout3d(input, this.p, this.training, this.inplace);
  }
}
/** Alpha dropout for SELU networks (keeps mean 0 / variance 1) in training; identity in eval. @example nn.Sequential(nn.Linear(8, 8), nn.SELU(), nn.AlphaDropout(0.1)) */
export class AlphaDropout extends Dropout {
  forward(input: Tensor): Tensor {
    return alpha_dropout(input, this.p, this.training, this.inplace);
  }
}
/** Alpha dropout of whole channels in training; identity in eval. @example nn.FeatureAlphaDropout(0.2) */
export class FeatureAlphaDropout extends Dropout {
  forward(input: Tensor): Tensor {
    return feature_alpha_dropout(input, this.p, this.training, this.inplace);
  }
}
