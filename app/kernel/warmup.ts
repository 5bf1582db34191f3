// The engine's warm-up in the kernel's idle time. A new kernel runs the engine's JavaScript
// unoptimised: the seed lesson's 5000 epochs took ~2.3 s as a learner's first run and ~1.1 s
// later (bench/README.md, "The seed lesson in a fresh kernel"). After the first cell has run, while
// the learner reads or types, the kernel trains a small model of its own in slices of a few
// milliseconds, so V8 has optimised the training paths (modules, autograd, the optimiser) by the
// time the lesson's loop runs.
//
// What it must never do: delay a cell (a slice runs only while no cell runs or waits, and is a few
// ms long), change what a cell sees (the random stream is restored around every slice, tensors are
// explicitly float32 on the CPU, grad mode is set for the slice only, nothing is printed and no
// global is written), or outlive a problem (any error ends it silently).
import type { Engine } from './engine-types';

export interface WarmUpOptions {
  /** Training steps in all (the seed lesson's model shape; 2000 steps ~0.8 CPU-s in a new Node kernel). */
  steps?: number;
  /** Longest slice, ms: the most a cell sent mid-slice waits. */
  sliceMs?: number;
  /** Gap between slices, ms (the event loop takes messages in between). */
  gapMs?: number;
  /** Wait before the first slice, and after a busy spell, ms. */
  idleMs?: number;
  now?: () => number;
}

type Dyn = any;  

export class EngineWarmUp {
  private left: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private model: { step: () => void } | null = null;
  private done = false;
  private readonly o: Required<WarmUpOptions>;
  /** Steps taken so far (tests and the bench read it). */
  taken = 0;

  constructor(
    private readonly engine: Engine,
    /** Whether the kernel is idle: no cell running, none queued. */
    private readonly idle: () => boolean,
    opts: WarmUpOptions = {},
  ) {
    this.o = { steps: 1500, sliceMs: 6, gapMs: 4, idleMs: 400, now: () => performance.now(), ...opts };
    this.left = this.o.steps;
  }

  /** Starts (or resumes after a busy spell) once the kernel has been idle for `idleMs`. */
  schedule(): void {
    if (this.done || this.timer !== null) return;
    this.timer = setTimeout(() => this.slice(), this.o.idleMs);
  }

  /** Stops for good (a restart, a cell that takes the engine somewhere unexpected). */
  stop(): void {
    this.done = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  get finished(): boolean {
    return this.done;
  }

  private slice(): void {
    this.timer = null;
    if (this.done) return;
    if (!this.idle()) return; // resumed by schedule() when the kernel is idle again
    const { torch } = this.engine as Dyn;
    try {
      const saved = torch.get_rng_state();
      try {
        torch.enable_grad(() => {
          this.model ??= this.build();
          const end = this.o.now() + this.o.sliceMs;
          while (this.left > 0 && this.o.now() < end) {
            this.model.step();
            this.left--;
            this.taken++;
          }
        });
      } finally {
        torch.set_rng_state(saved);
      }
    } catch {
      this.stop(); // an engine without these names (a test stand-in) or a cell's patch: no warm-up
      return;
    }
    if (this.left <= 0) {
      this.stop();
      this.model = null;
      return;
    }
    this.timer = setTimeout(() => this.slice(), this.o.gapMs);
  }

  /** The seed lesson's shape: Sequential(Linear(1, 13), Tanh, Linear(13, 1)), F.mse_loss, SGD. */
  private build(): { step: () => void } {
    const { torch, nn, optim } = this.engine as Dyn;
    const F = nn.functional;
    const kw = { dtype: torch.float32, device: 'cpu' };
    const model = nn.Sequential({ hidden_linear: nn.Linear(1, 13, kw), hidden_activation: nn.Tanh(), output_linear: nn.Linear(13, 1, kw) });
    const x = torch.linspace(-1, 1, 11, kw).unsqueeze(1);
    const y = x.mul(0.5).add(0.25);
    const opt = optim.SGD(model.parameters(), { lr: 1e-3 });
    return {
      step: () => {
        const loss = F.mse_loss(model(x), y);
        opt.zero_grad();
        loss.backward();
        opt.step();
      },
    };
  }
}
