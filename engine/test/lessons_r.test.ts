// Family r's programs ("What is torch.nn really?", "Learning PyTorch with Examples"; golden/lessons_r.json
// from scripts/golden/lessons_r.py) compared value by value with PyTorch 1.13 (lessons_compare.ts).
import golden from './golden/lessons_r.json';
import { lessonSuite } from './lessons_compare';
import { R } from './lessons_r';
import { EXAMPLES } from './lessons_r_examples';

lessonSuite('family r: torch.nn really, PyTorch with examples (golden/lessons_r.json)', golden, { ...R, ...EXAMPLES }, {
  nnr_cnn_momentum: { rtol: 1e-3, atol: 1e-4 },
});
