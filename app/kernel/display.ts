// What cells print and show: `print`, `display`, `update_display` and the captured `console.*`,
// all sent through the output channel to the cell that is running (or, for timers and late
// promises, to the last cell). Each checks for an interrupt first, so an output flood
// (`for (;;) console.log('x')`, even in code the transpiler did not see) stops on Interrupt.
import type { FromKernel } from '../protocol/messages';
import { formatValue } from './format';
import { needsReadback, reprAsync, toMimeBundle } from './mime';
import type { OutputChannel, Target } from './output';

type DisplayOptions = { display_id?: string | boolean; metadata?: Record<string, unknown>; raw?: boolean };
type UpdateOptions = { display_id: string; metadata?: Record<string, unknown>; raw?: boolean };
const CONSOLE_ROUTES: [keyof Console, 'stdout' | 'stderr'][] = [
  ['log', 'stdout'],
  ['info', 'stdout'],
  ['debug', 'stdout'],
  ['warn', 'stderr'],
  ['error', 'stderr'],
];

export class Displays {
  /** Display handles we gave out: a value holding one (a plot, a monitor) is already on screen. */
  private readonly handles = new WeakSet<object>();
  private readonly savedConsole: Partial<Console> = {};
  private console: Console | undefined;

  constructor(
    private readonly out: OutputChannel,
    private readonly target: () => Target,
    private readonly checkInterrupt: () => void,
  ) {}

  /** `print(a, b)`: Python's print; torch objects in PyTorch's form, JS values as console.log shows them. */
  print = (...args: unknown[]): void => {
    this.checkInterrupt();
    const t = this.target();
    if (args.some(needsReadback)) {
      // A WebGPU tensor is read back first; the output channel keeps the order.
      const text = Promise.all(args.map((a) => reprAsync(a, false))).then((parts) => parts.join(' ') + '\n');
      this.out.send(text.then((s) => ({ type: 'stream', id: t.id, cellId: t.cellId, name: 'stdout', text: s }) as FromKernel));
      return;
    }
    this.out.write(t, 'stdout', args.map(formatValue).join(' ') + '\n');
  };

  /**
   * `display(value)`, `display(value, {display_id})`: a rich output now; returns a handle whose
   * `update(v)` replaces it in place. `{raw: true}` sends `value` as a ready MIME bundle.
   */
  display = (value: unknown, options: DisplayOptions = {}) => {
    this.checkInterrupt();
    const t = this.target();
    const display_id = options.display_id === true ? `display-${Math.random().toString(36).slice(2, 10)}` : options.display_id || undefined;
    const metadata = options.metadata ?? {};
    this.out.send(
      toMimeBundle(value, { raw: options.raw }).then((data) => {
        const m: FromKernel = { type: 'display', id: t.id, cellId: t.cellId, data, metadata };
        if (display_id) m.display_id = display_id;
        return m;
      }),
    );
    if (!display_id) return undefined;
    const handle = { display_id, update: (v: unknown, o: Omit<UpdateOptions, 'display_id'> = {}) => this.update_display(v, { display_id, ...o }) };
    this.handles.add(handle);
    return handle;
  };

  /** `update_display(value, {display_id})`: replace an earlier display in place. */
  update_display = (value: unknown, options: UpdateOptions): void => {
    this.checkInterrupt();
    if (!options || typeof options.display_id !== 'string') throw new TypeError('update_display(value, {display_id}) needs a display_id');
    const t = this.target();
    this.out.send(
      toMimeBundle(value, { raw: options.raw }).then((data) => ({ type: 'update_display', id: t.id, cellId: t.cellId, display_id: options.display_id, data, metadata: options.metadata ?? {} }) as FromKernel),
    );
  };

  /** Whether a cell's value is a live view already displayed (it is not repeated as the result). */
  isLiveView(v: unknown): boolean {
    if (typeof v !== 'object' || v === null) return false;
    if (this.handles.has(v)) return true;
    try {
      return Object.values(v).some((x) => typeof x === 'object' && x !== null && this.handles.has(x));
    } catch {
      return false;
    }
  }

  /** Route `console.log/info/debug` to stdout and `warn/error` to stderr; `release()` restores them. */
  captureConsole(c: Console | undefined): void {
    if (!c) return;
    this.console = c;
    for (const [k, name] of CONSOLE_ROUTES) {
      (this.savedConsole as Record<string, unknown>)[k] = c[k];
      (c as unknown as Record<string, unknown>)[k] = (...args: unknown[]) => {
        this.checkInterrupt();
        this.out.write(this.target(), name, args.map(formatValue).join(' ') + '\n');
      };
    }
  }

  release(): void {
    if (this.console) Object.assign(this.console, this.savedConsole);
  }
}
