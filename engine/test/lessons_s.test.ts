// Family `s` (issue 15's trust sweep, round 2): the DCGAN, VAE, DQN, seq2seq-with-attention, Transformer
// language-model, neural-style-transfer and FGSM tutorials' programs (golden/lessons_s*.json, from
// scripts/golden/lessons_s*.py), compared value by value with PyTorch 1.13 by lessons_compare.ts.
import golden from './golden/lessons_s.json';
import { lessonSuite } from './lessons_compare';
import { S } from './lessons_s';

lessonSuite('tutorial programs as PyTorch (golden/lessons_s.json)', golden, S);
