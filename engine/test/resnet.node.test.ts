// torchvision 0.14's ResNet-18/34/50 against the engine's (golden/resnet.json, from
// scripts/golden/resnet.py): structure and repr, and the numbers with every parameter and buffer
// filled with the same exact pattern on both sides: eval and train outputs, gradients, BatchNorm's
// running statistics. Node only (tens of MB of weights per model). Then the transfer-learning steps.
import { describe, expect, it } from 'vitest';
import golden from './golden/resnet.json';
import { models, nn, torch } from '../index';
import type { Tensor } from '../tensor';

interface Variant {
  name: 'resnet18' | 'resnet34' | 'resnet50';
  state_dict: [string, number[]][];
  total_params: number;
  repr: string;
  children: string[];
  eval_out: number[];
  eval_sum: number;
  train_out: number[];
  train_sum: number;
  grad_fn: string;
  grads: Record<string, { first: number[]; sum: number; norm: number }>;
  bn_running_mean_after_train: number[];
  num_batches_tracked: number;
}

/** scripts/golden/resnet.py's `pattern`: exact in float64 on both sides, then rounded to float32. */
function pattern(n: number, k: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (((i * 7919 + k * 104729) % 1000) / 1000 - 0.5) * scale;
  return out;
}

function fill(model: { state_dict(): Record<string, Tensor> }): void {
  Object.entries(model.state_dict()).forEach(([name, t], k) => {
    if (name.endsWith('num_batches_tracked')) return;
    const n = t.numel();
    let v: Float32Array;
    if (name.endsWith('running_var')) v = pattern(n, k, 0.5).map((x) => Math.fround(x + 1));
    else if (name.endsWith('running_mean')) v = pattern(n, k, 0.2);
    else if (/(bn[123]|downsample\.1)\.weight$/.test(name)) v = pattern(n, k, 0.4).map((x) => Math.fround(x + 1));
    else {
      const fanIn = t.dim() > 1 ? n / t.shape[0] : n;
      v = pattern(n, k, 2.0 / Math.sqrt(fanIn));
    }
    torch.no_grad(() => t.copy_(torch.tensor(v).view(t.shape)));
  });
}

const close = (got: ArrayLike<number>, want: number[], tol: number) => {
  const scale = Math.max(1, ...want.map(Math.abs));
  want.forEach((w, i) => expect(Math.abs(got[i] - w), `element ${i}: ${got[i]} vs ${w}`).toBeLessThanOrEqual(tol * scale));
};

describe('ResNet vs torchvision', () => {
  for (const v of golden.resnet as unknown as Variant[]) {
    it(v.name, async () => {
      const model = await models[v.name]();
      const sd = model.state_dict() as Record<string, Tensor>;
      expect(Object.entries(sd).map(([k, t]) => [k, Array.from(t.shape)])).toEqual(v.state_dict);
      expect(model.parameters().reduce((n: number, p: Tensor) => n + p.numel(), 0)).toBe(v.total_params);
      expect(String(model)).toBe(v.repr);
      expect(model.named_children().map(([n]: [string, unknown]) => n)).toEqual(v.children);
      fill(model);
      model.double(); // float64 on both sides (resnet.py): the architecture is compared, not a float32 summation order
      const x = torch.tensor(pattern(2 * 3 * 64 * 64, 7, 4.0)).view(2, 3, 64, 64).double();
      model.eval();
      const ev = torch.no_grad(() => model(x)) as Tensor;
      close(ev.narrow(1, 0, 16).contiguous().cpu_data(), v.eval_out, 1e-9);
      expect(Math.abs((ev.sum().cpu_item() as number) - v.eval_sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v.eval_sum)) * 1000);
      model.train();
      const tr = model(x) as Tensor;
      expect(tr.grad_fn!.name()).toBe(v.grad_fn);
      close(tr.narrow(1, 0, 16).contiguous().cpu_data(), v.train_out, 1e-9);
      tr.sum().backward();
      const params = Object.fromEntries(model.named_parameters() as [string, Tensor][]);
      for (const [name, g] of Object.entries(v.grads)) {
        const grad = params[name].grad!;
        close(grad.reshape(-1).narrow(0, 0, 8).contiguous().cpu_data(), g.first, 1e-8);
        expect(Math.abs((grad.norm().cpu_item() as number) - g.norm), name).toBeLessThanOrEqual(1e-8 * Math.max(1, g.norm));
      }
      close(model.bn1.running_mean!.narrow(0, 0, 8).contiguous().cpu_data(), v.bn_running_mean_after_train, 1e-9);
      expect(model.bn1.num_batches_tracked!.cpu_item()).toBe(v.num_batches_tracked);
    }, 180_000);
  }

  it('the transfer-learning lesson: freeze everything, a new fc is what trains', async () => {
    const model = await models.resnet18();
    for (const p of model.parameters()) p.requires_grad = false;
    const num_ftrs = model.fc.in_features;
    model.fc = nn.Linear(num_ftrs, 2);
    const t = golden.transfer;
    expect(num_ftrs).toBe(t.num_ftrs);
    expect(String(model.fc)).toBe(t.fc_repr);
    expect((model.named_parameters() as [string, Tensor][]).filter(([, p]) => p.requires_grad).map(([n, p]) => [n, Array.from(p.shape)])).toEqual(t.trainable);
    // one SGD step on the new head only
    const opt = torch.optim.SGD(model.fc.parameters(), { lr: 0.001, momentum: 0.9 });
    const block = model.layer4[1] as unknown as { conv2: { weight: Tensor } };
    const before = block.conv2.weight.clone();
    const fcBefore = model.fc.weight.clone();
    const loss = nn.CrossEntropyLoss()(model(torch.randn(2, 3, 64, 64)), torch.tensor([0, 1]));
    opt.zero_grad();
    loss.backward();
    opt.step();
    expect(block.conv2.weight.grad).toBeNull();
    expect(torch.equal(block.conv2.weight, before)).toBe(true);
    expect(torch.equal(model.fc.weight, fcBefore)).toBe(false);
  }, 120_000);

  it('weights: resnet18/34 name their file and how to get it; resnet50 says it has random init only', async () => {
    expect(String(models.ResNet18_Weights.DEFAULT)).toBe('ResNet18_Weights.IMAGENET1K_V1');
    expect(models.ResNet34_Weights.DEFAULT.meta.num_params).toBe(21797672);
    // torchvision 0.14: ResNet18_Weights.DEFAULT.meta['recipe'], ['min_size'] → …#resnet, (1, 1)
    expect(models.ResNet18_Weights.DEFAULT.meta.recipe).toBe('https://github.com/pytorch/vision/tree/main/references/classification#resnet');
    expect(models.ResNet18_Weights.DEFAULT.meta.min_size).toEqual([1, 1]);
    expect(models.VGG16_Weights.DEFAULT.meta.min_size).toEqual([32, 32]);
    await expect(models.resnet18({ weights: 'DEFAULT', progress: false })).rejects.toThrow(/resnet18\.safetensors.*convert_weights\.py resnet18/s);
    await expect(models.resnet50({ weights: 'DEFAULT' })).rejects.toThrow(/resnet50.*IMAGENET1K_V2.*weights: null/);
    await expect(models.resnet18({ weights: 'DEFAULT', num_classes: 10 })).rejects.toThrow("The parameter 'num_classes' expected value 1000 but got 10 instead.");
    const small = await models.resnet18({ num_classes: 10 });
    expect(small.fc.out_features).toBe(10);
  });
});
