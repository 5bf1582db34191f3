// The notebook helpers in Python, for an exported notebook's first cell: small, readable
// versions of Torchlit's `monitor` (loss curve and per-epoch gradient histograms with
// matplotlib), `grads`, `progress` (tqdm when it is installed) and `plot`, so the exported lesson
// still shows its training views in Jupyter. Only the helpers a notebook uses are included.
export const PY_HELPERS: Record<string, string> = {
  monitor: `class monitor:
    """Torchlit's training view: mon.epoch(loss=...) after each epoch, mon.close() at the end."""
    def __init__(self, model, title='', bins=30, weights=True, every=1):
        self.params = [(n, p) for n, p in model.named_parameters()]
        self.title, self.bins, self.every = title, bins, every
        self.metrics, self.hists = {}, []
    def epoch(self, metrics=None, **kw):
        metrics = {**(metrics or {}), **kw}
        for k, v in metrics.items():
            self.metrics.setdefault(k, []).append(float(v.item() if hasattr(v, 'item') else v))
        n = len(next(iter(self.metrics.values()), [])) or len(self.hists) + 1
        if (n - 1) % self.every == 0:
            self.hists.append({name: p.grad.detach().flatten().cpu().numpy().copy() for name, p in self.params if p.grad is not None})
    def close(self):
        try:
            import matplotlib.pyplot as plt
        except ImportError:
            for k, ys in self.metrics.items():
                print(f'{self.title or "monitor"}: {k} {ys[0]:.4g} → {ys[-1]:.4g} over {len(ys)} epochs (pip install matplotlib for the charts)')
            return
        cols = max(1, len(self.params))
        fig, axes = plt.subplots(1, 1 + cols, figsize=(3.2 * (1 + cols), 2.8))
        for k, ys in self.metrics.items():
            axes[0].plot(range(1, len(ys) + 1), ys, label=k)
        axes[0].set_title(self.title or 'metrics'); axes[0].set_xlabel('epoch'); axes[0].legend()
        for ax, (name, _) in zip(axes[1:], self.params):
            for i, h in enumerate(self.hists):
                if name in h:
                    ax.hist(h[name], bins=self.bins, histtype='step', color=plt.cm.viridis(i / max(1, len(self.hists) - 1)))
            ax.set_title(f'{name}.grad', fontsize=9)
        fig.tight_layout(); plt.show()
`,
  grads: `def grads(model):
    """Torchlit's gradient table: norm, mean, std, min, max and share of zeros per parameter."""
    rows = []
    for name, p in model.named_parameters():
        g = p.grad
        if g is None:
            rows.append((name, tuple(p.shape), p.requires_grad, None, None, None, None, None, None)); continue
        g = g.detach().float()
        rows.append((name, tuple(p.shape), p.requires_grad, g.norm().item(), g.mean().item(), g.std().item() if g.numel() > 1 else 0.0, g.min().item(), g.max().item(), (g == 0).float().mean().item()))
    print(f"{'name':24} {'shape':16} {'grad':>5} {'norm':>10} {'mean':>10} {'std':>10} {'min':>10} {'max':>10} {'zeros':>7}")
    for r in rows:
        stats = ' '.join(f'{v:10.4g}' if v is not None else f"{'-':>10}" for v in r[3:8])
        zeros = f'{r[8] * 100:6.1f}%' if r[8] is not None else f"{'-':>7}"
        print(f"{r[0]:24} {str(list(r[1])):16} {str(r[2]):>5} {stats} {zeros}")
`,
  progress: `def progress(items, desc=None, total=None):
    """Torchlit's progress bar: tqdm when it is installed, else the items as they are."""
    if isinstance(items, int):
        items = range(items)
    try:
        from tqdm.auto import tqdm
        return tqdm(items, desc=desc, total=total)
    except ImportError:
        return items
`,
  plot: `class plot:
    """Torchlit's quick charts with matplotlib: plot.line(y) or plot.line(x, y), plot.scatter, plot.hist."""
    @staticmethod
    def _vals(v):
        return v.detach().cpu().numpy() if hasattr(v, 'detach') else v
    @staticmethod
    def _plt():
        try:
            import matplotlib.pyplot as plt
            return plt
        except ImportError:
            print('(plot: pip install matplotlib to draw this chart)')
            return None
    @staticmethod
    def line(x, y=None, title='', xlabel='', ylabel='', label=None):
        plt = plot._plt()
        if plt is None: return plot
        if y is None:
            x, y = range(len(x)), x
        plt.plot(plot._vals(x), plot._vals(y), label=label); plt.title(title); plt.xlabel(xlabel); plt.ylabel(ylabel)
        if label: plt.legend()
        plt.show(); return plot
    @staticmethod
    def scatter(x, y, title='', xlabel='', ylabel='', label=None):
        plt = plot._plt()
        if plt is None: return plot
        plt.scatter(plot._vals(x), plot._vals(y), label=label); plt.title(title); plt.xlabel(xlabel); plt.ylabel(ylabel); plt.show(); return plot
    @staticmethod
    def hist(values, bins=30, title='', xlabel='', ylabel='', label=None):
        plt = plot._plt()
        if plt is None: return plot
        plt.hist(plot._vals(values), bins=bins, label=label); plt.title(title); plt.xlabel(xlabel); plt.ylabel(ylabel); plt.show(); return plot
`,
  display: `try:
    from IPython.display import display, update_display
except ImportError:
    def display(value, display_id=None):
        print(value)
    update_display = display
`,
};
