// The names every notebook cell has, as TypeScript declarations: Monaco mounts this as a global
// .d.ts (completion, hover, type checks in cells), and the reference generator
// (scripts/reference/) writes docs/reference/helpers.md from the same doc comments, whose
// examples run as tests. The kernel defines the values (app/kernel/runtime.ts and views/).
export const CELL_GLOBALS_DTS = `import type * as T from 'torch';
type Pick_<K extends string, D> = typeof T extends { [P in K]: infer V } ? V : D;
/** A value a chart reads: an array of numbers or a 1-D tensor. */
type PlotValues = number[] | import('torch').Tensor;
/** Options of plot.line, plot.scatter and plot.hist. */
interface PlotOptions {
  /** Title above the chart. */
  title?: string;
  /** Label of the x axis. */
  xlabel?: string;
  /** Label of the y axis. */
  ylabel?: string;
  /** Name of this series in the legend. */
  label?: string;
  /** Number of bins (plot.hist; default 30). */
  bins?: number;
}
/** A chart on screen; add more series to it. */
interface Plot {
  line(x: PlotValues, y?: PlotValues, options?: PlotOptions): Plot;
  scatter(x: PlotValues, y: PlotValues, options?: PlotOptions): Plot;
  hist(values: PlotValues, options?: PlotOptions): Plot;
}
/** Options of monitor(model, options). */
interface MonitorOptions {
  /** Title of the training view. */
  title?: string;
  /** Histogram bins per parameter (default 30). */
  bins?: number;
  /** Record weight histograms too (default true). */
  weights?: boolean;
  /** Record histograms every n-th epoch only (metrics are always recorded). */
  every?: number;
}
/** The live training view that monitor() returns. */
interface Monitor {
  /**
   * Records one epoch: its metrics (numbers or one-element tensors, e.g. {loss, accuracy}) and every
   * parameter's gradient and weight histogram. Call it after backward() and step().
   */
  epoch(metrics?: Record<string, unknown>): void;
  /** Marks the run finished and draws the final state (every epoch, the last histograms). */
  close(): void;
}
/** A handle to an output shown with a display_id. */
interface DisplayHandle {
  display_id: string;
  /** Replaces the output in place. */
  update(value: unknown): void;
}
declare global {
  /** The torch package (also \`import * as torch from "torch"\`). */
  const torch: typeof T;
  /** Types under torch's name, as in PyTorch annotations: \`(x: torch.Tensor) => …\`. */
  namespace torch {
    type Tensor = import('torch').Tensor;
    type Size = import('@torchlit/engine/size').Size;
    type DType = import('@torchlit/engine/dtype').DType;
    type Device = import('@torchlit/engine/device').Device;
  }
  /** torch.nn: layers, losses, containers. */
  const nn: Pick_<'nn', any>;
  /** torch.nn.functional. */
  const F: Pick_<'F', Pick_<'functional', any>>;
  /** torch.optim. */
  const optim: Pick_<'optim', any>;
  /** torchvision.models. */
  const models: Pick_<'models', any>;
  /** Datasets (MNIST, CIFAR-10 samples, …). */
  const datasets: Pick_<'datasets', any>;
  /** torchvision.transforms (Compose, ToTensor, Normalize, Resize, CenterCrop, RandomResizedCrop, RandomHorizontalFlip, …), as \`from torchvision import transforms\`. */
  const transforms: Pick_<'datasets', any>['transforms'];
  /** torch.utils (data loaders). */
  const utils: Pick_<'utils', any>;
  /**
   * Shows a value as rich output in this cell: a tensor as a table, a module as its tree,
   * model.named_parameters() as a parameter table; anything else as text. With
   * {display_id} it returns a handle whose update() replaces the output in place.
   * @pytorch IPython.display.display
   * @example
   * display(torch.tensor([1, 2, 3]));
   * const h = display('starting…', { display_id: 'status' });
   * h.update('done');
   */
  function display(value: unknown, options?: { display_id?: string | true }): DisplayHandle | undefined;
  /**
   * Replaces the output shown earlier with this display_id (in any cell).
   * @pytorch IPython.display.update_display
   * @example
   * display('epoch 0', { display_id: 'ep' });
   * for (let e = 1; e <= 3; e++) update_display(\`epoch \${e}\`, { display_id: 'ep' });
   */
  function update_display(value: unknown, options: { display_id: string }): void;
  /**
   * Prints values separated by spaces, like Python's print; tensors, sizes and modules print
   * as PyTorch prints them.
   * @pytorch print
   * @example
   * print('shape:', torch.zeros([2, 3]).shape);
   * // shape: torch.Size([2, 3])
   */
  function print(...values: unknown[]): void;
  /**
   * A live training view of a model: after every epoch, mon.epoch({loss, ...}) records the
   * metrics (a loss curve) and each parameter's gradient and weight histogram; mon.close() at the
   * end. The view is saved with the notebook and reopens without running.
   * @example
   * const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
   * const opt = optim.SGD(model.parameters(), { lr: 0.01 });
   * const x = torch.linspace(-1, 1, 16).unsqueeze(1), y = x.pow(2);
   * const mon = monitor(model, { title: 'fit x²' });
   * for (let epoch = 1; epoch <= 20; epoch++) {
   *   const loss = F.mse_loss(model(x), y);
   *   opt.zero_grad();
   *   loss.backward();
   *   opt.step();
   *   mon.epoch({ loss });
   * }
   * mon.close();
   */
  function monitor(model: { named_parameters(): unknown }, options?: MonitorOptions): Monitor;
  /**
   * Wraps an iterable (or a count) with a live progress bar, like tqdm.
   * @pytorch tqdm.tqdm
   * @example
   * let total = 0;
   * for (const i of progress(range(100), { desc: 'adding' })) total += i;
   * print(total);
   * // 4950
   */
  function progress<X>(items: Iterable<X> | AsyncIterable<X> | number, options?: { desc?: string; total?: number }): Iterable<X> & AsyncIterable<X>;
  /**
   * Python's range: range(stop) or range(start, stop, step?), lazily.
   * @pytorch range
   * @example
   * print([...range(5)], [...range(1, 10, 3)]);
   * // [ 0, 1, 2, 3, 4 ] [ 1, 4, 7 ]
   */
  function range(startOrStop: number, stop?: number, step?: number): Iterable<number> & { readonly length: number };
  /**
   * Python's len: arrays, strings, Maps, Sets, tensors (the first dimension), modules
   * (Sequential, ModuleList), datasets and data loaders.
   * @pytorch len
   * @example
   * print(len([1, 2, 3]), len(t), len(model));
   * // 3 2 3
   */
  function len(x: { readonly length: number } | { readonly size: number } | { readonly shape: readonly number[] } | string): number;
  /**
   * Python's enumerate: pairs of (index, item).
   * @pytorch enumerate
   * @example
   * for (const [i, name] of enumerate(['a', 'b'])) print(i, name);
   * // 0 a
   * // 1 b
   */
  function enumerate<X>(items: Iterable<X>, start?: number): IterableIterator<[number, X]>;
  /**
   * Python's zip: the i-th items of each input together, as long as the shortest.
   * @pytorch zip
   * @example
   * for (const [n, s] of zip([1, 2], ['x', 'y'])) print(n, s);
   * // 1 x
   * // 2 y
   */
  function zip<A, B>(a: Iterable<A>, b: Iterable<B>): IterableIterator<[A, B]>;
  function zip<A, B, C>(a: Iterable<A>, b: Iterable<B>, c: Iterable<C>): IterableIterator<[A, B, C]>;
  function zip(...items: Iterable<unknown>[]): IterableIterator<unknown[]>;
  /**
   * Python's iter: an iterator over anything iterable, to take items one by one with next().
   * @pytorch iter
   * @example
   * const it = iter([10, 20]);
   * print(next(it), next(it), next(it, 'done'));
   * // 10 20 done
   */
  function iter<X>(items: Iterable<X>): Iterator<X>;
  /**
   * Python's next: the iterator's next item; the default when it is exhausted, else StopIteration.
   * @pytorch next
   * @example
   * const loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.arange(6)), { batch_size: 4 });
   * const [batch] = next(iter(loader));  // the first batch, as Python's next(iter(loader))
   * print(batch);
   * // tensor([0, 1, 2, 3])
   */
  function next<X>(it: Iterator<X>): X;
  function next<X, D>(it: Iterator<X>, fallback: D): X | D;
  /** Python's StopIteration: what next() of an exhausted iterator throws. @pytorch StopIteration */
  class StopIteration extends Error {}
  /**
   * Python's sum, min and max of numbers (sum also adds tensors); for one tensor write t.sum(), t.min(), t.max().
   * @pytorch sum
   * @example
   * print(sum([1, 2, 3]), min([4, 2, 8]), max(3, 7));
   * // 6 2 7
   */
  function sum(items: Iterable<number>, start?: number): number;
  function sum<T>(items: Iterable<T>, start?: T | number): T;
  /**
   * Python's int: truncates a number toward zero, parses an integer string (in \`base\`), reads a one-element tensor.
   * @pytorch int
   * @example
   * print(int(2.7), int('12'), int(torch.tensor([3.9])), int('ff', 16));
   * // 2 12 3 255
   */
  function int(x?: number | boolean | string | { numel(): number }, base?: number): number;
  /**
   * Python's float: a number, a numeric string ('1e-3', 'inf'), or a one-element tensor's value (\`float(loss)\`).
   * @pytorch float
   * @example
   * print(float('1e-3'), float(torch.tensor(0.25)));
   * // 0.001 0.25
   */
  function float(x?: number | boolean | string | { numel(): number }): number;
  /**
   * Python's bool: a one-element tensor's truth (more values are ambiguous, as in PyTorch); empty arrays and strings are false.
   * @pytorch bool
   * @example
   * print(bool(torch.tensor([1.])), bool([]));
   * // true false
   */
  function bool(x?: unknown): boolean;
  /**
   * Python's copy module: deepcopy of tensors (graph leaves), state dicts, arrays, Maps and objects (a module: copy its state_dict).
   * @pytorch copy.deepcopy
   * @example
   * const best = copy.deepcopy(model.state_dict());  // a snapshot, not a view of the live weights
   * model.load_state_dict(best);
   */
  const copy: { deepcopy<X>(x: X): X };
  /** Python's min of numbers: min(a, b, …) or min(numbers). @pytorch min */
  function min(...values: number[]): number;
  function min(values: Iterable<number>): number;
  /** Python's max of numbers: max(a, b, …) or max(numbers). @pytorch max */
  function max(...values: number[]): number;
  function max(values: Iterable<number>): number;
  /**
   * Python's collections.OrderedDict: a Map, with or without \`new\`, e.g. for named layers.
   * @pytorch collections.OrderedDict
   * @example
   * const seq = nn.Sequential(OrderedDict([['fc', nn.Linear(3, 1)], ['act', nn.Sigmoid()]]));
   * print([...seq.named_children()].map(([n]) => n));
   * // [ 'fc', 'act' ]
   */
  const OrderedDict: { new <K, V>(items?: Iterable<readonly [K, V]> | Record<string, V>): Map<K, V>; <K, V>(items?: Iterable<readonly [K, V]> | Record<string, V>): Map<K, V> };
  /**
   * Quick charts, drawn in the cell: plot.line(y) or plot.line(x, y, options), plot.scatter(x, y),
   * plot.hist(values, {bins}); each returns the chart, to add more series.
   * @pytorch matplotlib.pyplot.plot
   * @example
   * const x = torch.linspace(0, 6.28, 50);
   * plot.line(x, x.sin(), { title: 'sin', label: 'sin' }).line(x, x.cos(), { label: 'cos' });
   * plot.hist(torch.randn([1000]), { bins: 20 });
   */
  const plot: { line(x: PlotValues, y?: PlotValues | PlotOptions, options?: PlotOptions): Plot; scatter(x: PlotValues, y: PlotValues, options?: PlotOptions): Plot; hist(values: PlotValues, options?: PlotOptions): Plot };
  /**
   * A table of every parameter's gradient after backward(): norm, mean, std, min, max and the
   * share of zeros, sortable; frozen parameters are marked.
   * @example
   * const model = nn.Linear(3, 1);
   * model(torch.ones([4, 3])).sum().backward();
   * grads(model);
   */
  function grads(model: { named_parameters(): unknown }): unknown;
}
/**
 * In cells, reads are awaited for you at the top level and in async functions, on every device
 * (docs/differences-from-pytorch.md): \`loss.item().toFixed(4)\`, \`sum += loss.item()\` type-check.
 */
declare module '@torchlit/engine/tensor' {
  interface Tensor {
    item(): number;
    tolist(): import('@torchlit/engine/tensor').NestedArray;
    data(): import('@torchlit/engine/dtype').TypedArray;
    numpy(): import('@torchlit/engine/dtype').TypedArray;
  }
}
export {};
`;
