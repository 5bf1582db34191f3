// Lesson programs typed as cells (the cell language: operators on tensors, `t[i]`, comparisons as bool
// tensors, `len`, `range`, `.item()` without await, `.data`), run by the kernel with the real engine.
// Expected values are PyTorch 1.13's for the same programs (engine/test/golden/lessons.json holds the
// TypeScript-API twins; the numbers below were printed by the Python programs quoted in each test).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const kernel = textKernel;

const close = (got: unknown, want: number[], tol = 1e-3) => {
  const v = JSON.parse(String(got).replace(/^'|'$/g, '')) as number[];
  expect(v.length).toBe(want.length);
  v.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i]))));
};

describe('lesson programs as cells', () => {
  it("the book's thermometer with autograd: operators, *params, no_grad and params -= lr * grad", async () => {
    const k = kernel();
    await k.run(`const t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]);
const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]);
function model(t_u, w, b) { return w * t_u + b; }
function loss_fn(t_p, t_c) { const squared_diffs = (t_p - t_c) ** 2; return squared_diffs.mean(); }
const params = torch.tensor([1.0, 0.0], { requires_grad: true });
const t_un = 0.1 * t_u;
let loss;
for (const epoch of range(1, 501)) {
  if (params.grad !== null) params.grad.zero_();
  loss = loss_fn(model(t_un, ...params), t_c);
  loss.backward();
  torch.no_grad(() => { params -= 1e-2 * params.grad; });
}`);
    // PyTorch: params tensor([  4.0443,  -9.8133], requires_grad=True), loss 7.860115
    close(await k.run('JSON.stringify(params.tolist())'), [4.044321, -9.813269]);
    close(await k.run('JSON.stringify([loss.item()])'), [7.860115]);
    expect(await k.run('loss.grad_fn.name()')).toBe("'MeanBackward0'");
  });

  it('indexing, masks, len and shape as in Python', async () => {
    const k = kernel();
    await k.run('const t = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]]);');
    expect(await k.run('t[t > 0]')).toBe('tensor([1., 3., 5.])');
    expect(await k.run('t[0][1]')).toBe('tensor(-2.)');
    expect(await k.run('t[-1]')).toBe('tensor([-4.,  5., -6.])');
    expect(await k.run('[t.shape[0], len(t)]')).toBe('[ 2, 2 ]');
    expect(await k.run('t[1] = 0;\nt')).toBe('tensor([[ 1., -2.,  3.],\n        [ 0.,  0.,  0.]])');
    expect(await k.run('(t > 0).dtype')).toBe('torch.bool');
  });

  it('float literals, integer division and promotion', async () => {
    const k = kernel();
    expect(await k.run('[torch.tensor([1.0, 2.0]).dtype, torch.tensor(3.0), torch.full([2], 7.0), torch.tensor([1, 2])].join(" | ")'))
      .toBe("'torch.float32 | tensor(3.) | tensor([7., 7.]) | tensor([1, 2])'");
    await k.run('const i = torch.tensor([5, 3, -7]);');
    expect(await k.run('i / 2')).toBe('tensor([ 2.5000,  1.5000, -3.5000])');
    expect(await k.run('torch.floor_divide(i, 2)')).toBe('tensor([ 2,  1, -4])');
    expect(await k.run('i % 3')).toBe('tensor([2, 0, 2])');
    expect(await k.run('i.mean()')).toMatch(/^RuntimeError: mean\(\): could not infer output dtype/);
  });

  it("the blitz's vector-Jacobian product: while on a tensor comparison, y.data.norm()", async () => {
    const k = kernel();
    await k.run(`const x = torch.tensor([0.5, -1.0, 2.0], { requires_grad: true });
let y = x * 2;
let n = 0;
while (y.data.norm() < 1000) { y = y * 2; n += 1; }
y.backward(torch.tensor([0.1, 1.0, 0.0001]));`);
    // PyTorch: 8 tensor([5.1200e+01, 5.1200e+02, 5.1200e-02]) MulBackward0
    expect(await k.run('n')).toBe('8');
    expect(await k.run('x.grad')).toBe('tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])');
    expect(await k.run('y.grad_fn.name()')).toBe("'MulBackward0'");
  });

  it('a DataLoader loop with accuracy, and the manual update through .data', async () => {
    const k = kernel();
    await k.run(`const X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5], [0.5, -1.0]]);
const y = torch.tensor([0, 1, 1, 0, 0]);
const model = nn.Linear(2, 2);
torch.no_grad(() => { model.weight.copy_(torch.tensor([[1.0, -1.0], [-1.0, 1.0]])); model.bias.zero_(); });
const loader = utils.data.DataLoader(utils.data.TensorDataset(X, y), { batch_size: 2 });
let correct = 0, total = 0;
for (const [xb, yb] of loader) {
  const pred = model(xb).argmax(1);
  correct += (pred == yb).sum().item();
  total += yb.shape[0];
}`);
    // PyTorch: argmax [0, 1, 0, 1, 0] (a tie picks the first) against [0, 1, 1, 0, 0]: 3 of 5
    expect(await k.run('[correct, total, len(loader)]')).toBe('[ 3, 5, 3 ]');
    await k.run(`const loss = F.cross_entropy(model(X), y);
loss.backward();
const learning_rate = 0.5;
for (const f of model.parameters()) f.data.sub_(f.grad.data * learning_rate);`);
    // PyTorch: bias tensor([ 0.0500, -0.0500]), weight [[0.8690, -1.0190], [-0.8690, 1.0190]]
    close(await k.run('JSON.stringify(model.bias.tolist())'), [0.05, -0.05], 1e-4);
    close(await k.run('JSON.stringify(model.weight.tolist().flat())'), [0.869, -1.019, -0.869, 1.019], 1e-3);
    expect(await k.run('model.bias.requires_grad')).toBe('true');
  });

  it('x @ w is a Python habit the kernel explains', async () => {
    const k = kernel();
    expect(await k.run('const m = torch.ones([2, 2]);\nm @ m')).toMatch(/^SyntaxError: .*matmul/);
  });
});
