// A float literal with an integral value (`1.0`) is Python's float only where torch reads it:
// `torch.where(c, 1.0, 0)`, `torch.full([2], 7.0)`, `torch.tensor(3.0)` infer float32 (values
// printed by PyTorch 1.13 with /usr/bin/python3, quoted in the comments). A cell's own function or
// method of the same name receives a plain number (it received a Number object: typeof 'object',
// `b === 1.0` false).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);

describe("float literals reach torch's functions as Python's float, a cell's own functions as numbers", () => {
  it("torch's where/full/tensor/arange/as_tensor, however they are reached, infer float32", async () => {
    // c = torch.tensor([True, False]); torch.where(c, 1.0, 0) -> tensor([1., 0.])
    expect(await cell('const c = torch.tensor([true, false]); torch.where(c, 1.0, 0)')).toBe('tensor([1., 0.])');
    // torch.where(c, 1, 0) -> tensor([1, 0])
    expect(await cell('const c = torch.tensor([true, false]); torch.where(c, 1, 0)')).toBe('tensor([1, 0])');
    // torch.full([2], 7.0).dtype, torch.tensor(3.0).dtype, torch.arange(5.).dtype, torch.as_tensor(2.0).dtype -> all torch.float32
    expect(await cell('[torch.full([2], 7.0).dtype, torch.tensor(3.0).dtype, torch.arange(5.).dtype, torch.as_tensor(2.0).dtype]'))
      .toBe('[ torch.float32, torch.float32, torch.float32, torch.float32 ]');
    // from torch import where, full: where(c, 1.0, 0).dtype, full([1], 1.0).dtype -> torch.float32 twice
    expect(await cell('const { where, full } = torch; [where(torch.tensor([true]), 1.0, 0).dtype, full([1], 1.0).dtype]')).toBe('[ torch.float32, torch.float32 ]');
    // an alias of the module, and a receiver evaluated once (held in a temporary)
    expect(await cell('const T = torch; let n = 0; const mk = () => { n++; return torch.tensor([1, 2]); }; [T.full([1], 3.0).dtype, mk().where(torch.tensor([true, false]), 0.0), n]'))
      .toBe('[ torch.float32, tensor([1., 0.]), 1 ]');
  });

  it("a cell's own function or method named where/full/tensor gets a number", async () => {
    // def where(a, b): return type(b).__name__ ; where(1, 1.0) -> 'float' (a JS number)
    expect(await cell('function where(a, b) { return typeof b }\nwhere(1, 1.0)')).toBe("'number'");
    expect(await cell('function tensor(x) { return x === 1.0 }\ntensor(1.0)')).toBe('true');
    expect(await cell('const o = { full(a, b) { return typeof b } }; o.full(1, 1.0)')).toBe("'number'");
    expect(await cell('class G { where(a, b) { return b === 1 } }; new G().where(0, 1.0)')).toBe('true');
    expect(await cell('function mk() { return { tensor(x) { return typeof x } } }; mk().tensor(1.0)')).toBe("'number'");
    expect(await cell('const o = {w: {where: (a, b) => typeof b}}; o?.w.where(1, 2.0)')).toBe("'number'");
  });
});
