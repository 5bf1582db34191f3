// Family `s2` (the `s` sweep continued): the seq2seq-with-attention and Transformer language-model
// tutorials' programs (golden/lessons_s2.json, from scripts/golden/lessons_s2.py) compared value by value
// with PyTorch 1.13 by lessons_compare.ts.
import golden from './golden/lessons_s2.json';
import { lessonSuite } from './lessons_compare';
import { S2 } from './lessons_s2';

lessonSuite('tutorial programs as PyTorch (golden/lessons_s2.json)', golden, S2);
