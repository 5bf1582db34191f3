// Registers every CPU kernel.
import './memory';
import './elementwise';
import './where';
import './reduce';
import './matmul';
import './softmax';
import './indexing';
import './conv';
import './pool';
import './histogram';
