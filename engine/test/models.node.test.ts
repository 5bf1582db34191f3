// torchvision 0.14's VGG family against the engine's (golden/models.json, from
// scripts/golden/models.py): state_dict keys and shapes in order, parameter totals, freezing,
// and repr. Node only: the models are built with full-size random weights (~0.5 GB each).
import { describe, expect, it } from 'vitest';
import golden from './golden/models.json';
import { className, MissingOp, models, nn, type Dyn } from './harness';

interface Variant {
  name: string;
  state_dict: [string, number[]][];
  named_parameters: [string, number[]][];
  total_params: number;
  trainable_after_freezing_features: number;
  repr: string;
  named_modules?: [string, string][];
  children?: string[];
}

describe('VGG family vs torchvision', () => {
  for (const v of golden.vgg as unknown as Variant[]) {
    it(v.name, async () => {
      if (!models) throw new MissingOp('models');
      if (typeof models[v.name] !== 'function') throw new MissingOp(`models.${v.name}()`);
      // Structure is what is compared: torchvision's own init (init_weights) runs for vgg16, the
      // lesson's model; the other variants skip it (half their build time; the layers' default init stays)
      const model: Dyn = await models[v.name](v.name === 'vgg16' ? {} : { init_weights: false });
      const sd = model.state_dict() as Record<string, Dyn>;
      expect(Object.entries(sd).map(([k, t]) => [k, Array.from(t.shape)])).toEqual(v.state_dict);
      const params = model.named_parameters() as [string, Dyn][];
      expect(params.map(([k, p]) => [k, Array.from(p.shape)])).toEqual(v.named_parameters);
      expect((model.parameters() as Dyn[]).reduce((n, p) => n + p.numel(), 0)).toBe(v.total_params);
      expect(String(model)).toBe(v.repr);
      if (v.named_modules) expect((model.named_modules() as [string, Dyn][]).map(([n, m]) => [n, className(m)])).toEqual(v.named_modules);
      if (v.children) expect((model.named_children() as [string, Dyn][]).map(([n]) => n)).toEqual(v.children);
      model.features.requires_grad_(false);
      const trainable = (model.parameters() as Dyn[]).filter((p) => p.requires_grad === true).map((p) => p.numel());
      expect(trainable.reduce((a, b) => a + b, 0)).toBe(v.trainable_after_freezing_features);
    }, 180_000);
  }
});

describe('seed model vs PyTorch', () => {
  it('repr, named_parameters and numel', () => {
    const m = nn.Sequential(new Map<string, Dyn>([['hidden_linear', nn.Linear(1, 8)], ['hidden_activation', nn.Tanh()], ['output_linear', nn.Linear(8, 1)]]));
    expect(String(m)).toBe(golden.seed_model.repr);
    expect((m.named_parameters() as [string, Dyn][]).map(([k, p]) => [k, Array.from(p.shape), p.requires_grad])).toEqual(golden.seed_model.named_parameters);
    expect((m.parameters() as Dyn[]).map((p) => p.numel())).toEqual(golden.seed_model.numel);
  });
});
