// torch.autograd.Function, torch.autograd.functional (jacobian, hessian) and the keyword forms of
// backward() and torch.autograd.grad() (Python's keywords as the options object).
import { describe, expect, it } from 'vitest';
import { torch } from './index';
import type { Tensor } from './tensor';

const f32 = { dtype: torch.float32 };

class Cube extends torch.autograd.Function {
  static forward(ctx: any, x: Tensor, k: number): Tensor {
    ctx.save_for_backward(x);
    return x.pow(3).mul(k);
  }
  static backward(ctx: any, g: Tensor): (Tensor | null)[] {
    const [x] = ctx.saved_tensors;
    return [g.mul(x.pow(2)).mul(3 * 2), null];
  }
}

describe('torch.autograd.Function', () => {
  it('apply records <Name>Backward; backward gets the upstream gradient; non-tensor inputs get null', () => {
    const x = torch.tensor([0.5, -1.0, 2.0], { requires_grad: true });
    const y = Cube.apply(x, 2) as Tensor;
    expect(y.grad_fn!.name()).toBe('CubeBackward');
    expect(y.cpu_tolist()).toEqual([0.25, -2, 16]);
    y.mul(torch.tensor([1.0, 2.0, 3.0], f32)).sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([1.5, 12, 72]);
    expect(y.grad_fn!.next_functions[0][0]!.name()).toBe('torch::autograd::AccumulateGrad');
  });
  it("the tutorial's `const P3 = LegendrePolynomial3.apply; P3(x)` keeps the class", () => {
    const P3 = Cube.apply;
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const y = P3(x, 1) as Tensor;
    expect(y.grad_fn!.name()).toBe('CubeBackward');
    expect(y.cpu_tolist()).toEqual([1, 8]);
  });
  it('without grad the output is plain; a wrong number of gradients and an in-place change of a saved tensor are errors', () => {
    expect(Cube.apply(torch.tensor([1.0, 2.0], f32), 1).grad_fn).toBeNull();
    class Bad extends torch.autograd.Function {
      static forward(_ctx: any, x: Tensor, _k: number) {
        return x.mul(2);
      }
      static backward(_ctx: any, g: Tensor) {
        return g;
      }
    }
    const x = torch.ones(2, { requires_grad: true });
    expect(() => (Bad.apply(x, 1) as Tensor).sum().backward()).toThrow('function BadBackward returned an incorrect number of gradients (expected 2, got 1)');
    const h = x.mul(1);
    const y = Cube.apply(h, 1) as Tensor;
    torch.no_grad(() => h.add_(1));
    expect(() => y.sum().backward()).toThrow('modified by an inplace operation');
    class NoForward extends torch.autograd.Function {}
    expect(() => NoForward.apply(x)).toThrow('You must implement the forward function for custom autograd.Function.');
  });
  it('second derivatives through a Function whose backward uses differentiable ops', () => {
    const x = torch.tensor([2.0], { requires_grad: true });
    const [g] = torch.autograd.grad(Cube.apply(x, 1) as Tensor, x, null, { create_graph: true }) as Tensor[];
    expect(g.cpu_tolist()).toEqual([24]); // the backward above is 6x² (its k is 2)
    const [g2] = torch.autograd.grad(g, x) as Tensor[];
    expect(g2.cpu_tolist()).toEqual([24]);
  });
});

describe('torch.autograd.functional', () => {
  it('jacobian: [...out, ...in], lists of inputs; hessian of a scalar function', () => {
    const J = torch.autograd.functional.jacobian((t: Tensor) => t.pow(2).mul(torch.tensor([1.0, 3.0], f32)), torch.tensor([1.0, 2.0], f32)) as Tensor;
    expect(J.cpu_tolist()).toEqual([[2, 0], [0, 12]]);
    const [ja, jb] = torch.autograd.functional.jacobian((a: Tensor, b: Tensor) => a.mul(b).sum(0), [torch.tensor([[1.0, 2.0]], f32), torch.tensor([3.0, 4.0], f32)]) as Tensor[];
    expect(ja.shape).toEqual([2, 1, 2]);
    expect(ja.cpu_tolist()).toEqual([[[3, 0]], [[0, 4]]]);
    expect(jb.cpu_tolist()).toEqual([[1, 0], [0, 2]]);
    const H = torch.autograd.functional.hessian((t: Tensor) => t.pow(3).sum().add(t.index(0).mul(t.index(1))), torch.tensor([1.0, 2.0], f32)) as Tensor;
    expect(H.cpu_tolist()).toEqual([[6, 1], [1, 12]]);
    expect(J.requires_grad).toBe(false);
  });
});

describe('keywords of backward() and torch.autograd.grad()', () => {
  it('loss.backward({retain_graph: true}) twice accumulates; an unknown keyword is a TypeError', () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const z = x.mul(x).sum();
    z.backward({ retain_graph: true });
    z.backward();
    expect(x.grad!.cpu_tolist()).toEqual([4, 8]);
    expect(() => z.backward({ retain: true } as never)).toThrow("backward() got an unexpected keyword argument 'retain'");
    const v = x.mul(2);
    v.backward({ gradient: torch.tensor([1.0, 0.5], f32) });
    expect(x.grad!.cpu_tolist()).toEqual([6, 9]);
  });
  it('grad(y, x, {create_graph}) and grad({outputs, inputs, grad_outputs, ...}) as the gradient penalty writes it', () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const [g] = torch.autograd.grad(x.pow(3).sum(), x, { create_graph: true }) as Tensor[];
    expect(g.cpu_tolist()).toEqual([3, 12]);
    expect(g.grad_fn).not.toBeNull();
    const y = x.pow(2);
    const [h] = torch.autograd.grad({ outputs: y, inputs: x, grad_outputs: torch.ones_like(y), create_graph: true, retain_graph: true }) as Tensor[];
    expect(h.cpu_tolist()).toEqual([2, 4]);
    expect(() => torch.autograd.grad(y, x, { foo: 1 } as never)).toThrow("grad() got an unexpected keyword argument 'foo'");
  });
});

describe('tensor hooks', () => {
  it('a tensor replaces the gradient; undefined or a non-tensor (an arrow that pushes) leaves it', () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const seen: Tensor[] = [];
    const y = x.mul(3);
    y.register_hook((g) => seen.push(g.clone()) as never);
    x.register_hook((g) => g.mul(2));
    y.pow(2).sum().backward();
    expect(seen[0].cpu_tolist()).toEqual([6, 12]);
    expect(x.grad!.cpu_tolist()).toEqual([36, 72]);
  });
});
