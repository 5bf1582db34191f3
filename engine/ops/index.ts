// Installs every op family's Tensor methods.
import './creation';
import './elementwise';
import './reduce';
import './shape';
import './convert';
import './matmul';
import './softmax';
import './join';
import './indexing';
import './conv';
import './pool';
import './lanes';
import './rearrange';
import './sort';
import './scan';
import './stats';
import './pointwise';
