// Family r2's programs (autograd mechanics, NLP from scratch; golden/lessons_r2.json from
// scripts/golden/lessons_r2.py) compared value by value with PyTorch 1.13 (lessons_compare.ts).
import golden from './golden/lessons_r2.json';
import { lessonSuite } from './lessons_compare';
import { AUTOGRAD } from './lessons_r2';
import { NLP } from './lessons_r2_nlp';

lessonSuite('family r2: autograd mechanics, NLP from scratch (golden/lessons_r2.json)', golden, { ...AUTOGRAD, ...NLP });
