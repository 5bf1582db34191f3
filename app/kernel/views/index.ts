// The training views' cell globals: monitor, progress, plot, grads (issue 5). The runtime
// installs them with `createViews(host)`; each displays a vendor MIME bundle and updates it in place.
import { grads } from './grads';
import type { ViewsHost } from './host';
import { Monitor, type MonitorOptions } from './monitor';
import { makePlot } from './plot';
import { Progress, type ProgressOptions } from './progress';

export type { ViewsHost } from './host';

export function createViews(host: ViewsHost) {
  return {
    /**
     * A live training view for `model`: call `mon.epoch({ loss, accuracy })` after each epoch's
     * `backward()`/`step()`; it records the metrics and every parameter's gradient histogram.
     */
    monitor: (model: ConstructorParameters<typeof Monitor>[1], opts?: MonitorOptions) => new Monitor(host, model, opts),
    /** Wraps an iterable (or a count) with a live progress bar: `for (const e of progress(range(100)))`. */
    progress: <T>(iterable: Iterable<T> | AsyncIterable<T> | number, opts?: ProgressOptions) => new Progress<T>(host, iterable, opts),
    plot: makePlot(host),
    grads,
  };
}
