// The engine as the kernel sees it: the type of `engine/index.ts` (loaded by worker.ts; the unit
// tests pass a small PyTorch-named stand-in, test-engine.ts, cast to this type).
export type Engine = typeof import('../../engine/index');
export type Torch = Engine['torch'];
