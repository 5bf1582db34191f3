// The programs learners write after the seed lesson (golden/lessons.json, from scripts/golden/lessons.py),
// compared value by value with PyTorch 1.13: forward values, gradients, parameters after optimiser steps,
// dtypes, shapes, grad_fn names, printed forms and errors (class and first line). The TypeScript programs
// are in lessons_basics.ts, lessons_book.ts, lessons_qa.ts and lessons_more.ts, under the same ids; the
// comparison is lessons_compare.ts.
import golden from './golden/lessons.json';
import type { Lesson } from './lessons_io';
import { lessonSuite } from './lessons_compare';
import { BASICS } from './lessons_basics';
import { BOOK } from './lessons_book';
import { QA } from './lessons_qa';
import { MORE } from './lessons_more';

const LESSONS: Record<string, Lesson> = { ...BASICS, ...BOOK, ...QA, ...MORE };

lessonSuite('lesson programs as PyTorch (golden/lessons.json)', golden, LESSONS, {
  book_thermometer_autograd: { rtol: 2e-3, atol: 1e-3 },
  book_thermometer_optim_split: { rtol: 2e-3, atol: 1e-3 },
  book_thermometer_manual: { rtol: 1e-3, atol: 1e-4 },
});
