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
import './gather-scatter';
import './masks';
import './padding';
import './conv';
import './pool';
