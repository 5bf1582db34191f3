// The small integer dtypes (uint8, int8, int16) against real PyTorch 1.13
// (scripts/golden/dtypes_small.py → golden/dtypes_small.json): wraparound arithmetic, promotion,
// comparisons, reductions, casts, printing and errors. The calls are the same table as the script's.
import { describe, expect, it } from 'vitest';
import golden from './golden/dtypes_small.json';
import { backends, expectTensor, T, type Dyn, type Encoded } from './harness';

const u = (...v: number[]) => T.tensor(v, { dtype: T.uint8 });
const a = () => u(250, 3, 128, 0);
const b = () => u(10, 255, 128, 1);
const i8 = () => T.tensor([100, -100, -128, 127], { dtype: T.int8 });
const i16 = () => T.tensor([30000, -30000, 1, 2], { dtype: T.int16 });
const f32 = (...v: number[]) => T.tensor(v, { dtype: T.float32 });

const CASES: Record<string, () => Dyn> = {
  add: () => a().add(b()),
  add_scalar_wraps: () => a().add(10),
  add_256: () => a().add(256),
  sub_wraps: () => a().sub(b()),
  sub_scalar: () => a().sub(300),
  mul_wraps: () => a().mul(2),
  mul_1000: () => a().mul(1000),
  neg: () => a().neg(),
  floor_divide: () => a().floor_divide(3),
  remainder: () => a().remainder(7),
  pow: () => a().pow(2),
  div_true: () => a().div(2),
  to_tensor: () => a().float().div(255),
  plus_float: () => a().add(0.5),
  plus_int8: () => a().add(i8()),
  plus_int16: () => a().add(i16()),
  plus_int64_0d: () => a().add(T.tensor(1000)),
  plus_int64: () => a().add(T.tensor([1000, 0, 0, 0])),
  plus_bool: () => a().add(T.tensor([true, false, true, false])),
  times_float_tensor: () => a().mul(f32(0.5, 0.5, 0.5, 0.5)),
  gt: () => a().gt(b()),
  eq_scalar: () => a().eq(128),
  le_float: () => a().le(3.5),
  max: () => a().max(),
  min: () => a().min(),
  argmax: () => a().argmax(),
  sum: () => a().sum(),
  prod: () => u(250, 3, 128).prod(),
  cumsum: () => a().cumsum(0),
  sort: () => a().sort().values,
  cast_from_float: () => f32(-1, 256, 3.7, 255).to(T.uint8),
  cast_from_bool: () => T.tensor([true, false]).to(T.uint8),
  cast_from_long: () => T.tensor([-1, 256, 511, 7]).to(T.uint8),
  byte: () => f32(1.5, 300).byte(),
  int8_add_wraps: () => i8().add(100),
  int8_neg: () => i8().neg(),
  int8_plus_int16: () => i8().add(i16()),
  int16_add_wraps: () => i16().add(10000),
  int16_mul: () => i16().mul(3),
  int16_float: () => i16().float().div(2),
  matmul: () => a().reshape(1, 4).matmul(b().reshape(4, 1)),
  where: () => T.where(a().gt(100), a(), b()),
  cat: () => T.cat([a(), b()]),
  arange: () => T.arange(5, { dtype: T.uint8 }),
  zeros_like: () => T.zeros_like(a()),
  full: () => T.full([2], 44, { dtype: T.uint8 }),
  index_select: () => a().index_select(0, T.tensor([2, 0])),
  transpose_contiguous: () => T.arange(6, { dtype: T.uint8 }).reshape(2, 3).t().contiguous(),
  // clamp's bounds in its dtype first: uint8 wraps -5 to 251 (was tensor([1, 100]) for clamp(-5, 100), silently)
  clamp_neg_min_wraps: () => a().clamp(-5, 100),
  clamp_min_only_wraps: () => a().clamp({ min: -5 }),
  clamp_max_neg_wraps: () => a().clamp({ max: -1 }),
  clip_wraps: () => a().clip(-5, 200),
  clamp_min_0d_tensor: () => T.clamp(a(), { min: T.tensor(-5) }),
  clamp_min_1d_tensor_promotes: () => T.clamp(a(), { min: T.tensor([-5, 300, 0, 0]) }),
  clamp_inplace_wraps: () => a().clamp_(-5, 100),
  clamp_float_bound: () => a().clamp(2.5, 100),
  clamp_min_method: () => a().clamp_min(-5),
  clamp_min_inplace: () => a().clamp_min_(-5),
  clamp_tensor_bounds_wrap: () => a().clamp(T.tensor(-5), T.tensor(300)),
  int8_clamp_int16_0d: () => i8().clamp({ max: T.tensor(200, { dtype: T.int16 }) }),
  int8_clamp_inplace_1d: () => i8().clamp_({ max: T.tensor([200]) }),
  int8_clamp_in_range: () => i8().clamp(-128, 100),
  bool_clamp_min: () => T.tensor([true, false]).clamp({ min: 2 }),
};

describe('uint8 / int8 / int16 vs PyTorch 1.13', () => {
  const cases = golden.cases as unknown as Record<string, Encoded>;
  it('the table covers every golden case', () => expect(Object.keys(CASES).sort()).toEqual(Object.keys(cases).sort()));
  for (const [id, f] of Object.entries(CASES)) it(id, () => expectTensor(f(), cases[id], { rtol: 1e-6, atol: 1e-7 }, id));
  it('promote_types and result_type follow PyTorch table', () => {
    for (const [pair, want] of Object.entries(golden.promote as Record<string, string>)) {
      const [x, y] = pair.split('+');
      expect(String(T.promote_types(T[x], T[y])), pair).toBe(`torch.${want}`);
    }
    expect(String(T.result_type(a(), i8()))).toBe('torch.int16');
  });
  it('prints as PyTorch', () => {
    const r = golden.repr;
    expect(String(a())).toBe(r.uint8);
    expect(String(T.arange(12, { dtype: T.uint8 }).reshape(3, 4))).toBe(r.uint8_2d);
    expect(String(i8())).toBe(r.int8);
    expect(String(i16())).toBe(r.int16);
    expect(String(T.tensor(7, { dtype: T.uint8 }))).toBe(r.uint8_0d);
    expect(String(T.uint8)).toBe(r.dtype);
    expect(a().type()).toBe(r.type);
    expect([a().element_size(), i8().element_size(), i16().element_size()]).toEqual(r.element_size);
  });
  it('errors as PyTorch (integer division by zero is a ZeroDivisionError, as the issue asks)', () => {
    const errors = golden.errors as Record<string, { type: string; message: string }>;
    expect(() => a().mean()).toThrow(errors.mean.message);
    expect(() => a().requires_grad_(true)).toThrow(errors.requires_grad.message);
    expect(() => a().add_(0.5)).toThrow(errors.add_float_inplace.message);
    expect(() => a().floor_divide(0)).toThrow(expect.objectContaining({ name: 'ZeroDivisionError' }));
    // clamp's number bounds past the dtype's range: c10's overflow error (they were used unconverted, silently)
    const clampErrors: Record<string, () => unknown> = {
      clamp_uint8_over: () => a().clamp({ max: 300 }),
      clamp_uint8_under: () => a().clamp(-256, 100),
      clamp_max_uint8_inplace: () => a().clamp_max_(300),
      clamp_int8: () => i8().clamp(-200, 200),
      clamp_int8_min: () => i8().clamp({ min: 200 }),
      clamp_int16: () => i16().clamp({ max: 70000 }),
      clamp_int32: () => T.tensor([1], { dtype: T.int32 }).clamp({ max: 2 ** 32 + 7 }),
      clamp_float32: () => f32(1).clamp({ max: 1e40 }),
      clamp_bool_inplace: () => T.tensor([true, false]).clamp_({ min: -3 }),
    };
    for (const [id, f] of Object.entries(clampErrors)) expect(f, id).toThrow(errors[id].message);
  });
  it('Uint8Array in, uint8 out (from_numpy shares memory); float16 is a clear TypeError', () => {
    const bytes = new Uint8Array([1, 2, 255]);
    const t = T.from_numpy(bytes);
    expect(String(t.dtype)).toBe('torch.uint8');
    bytes[0] = 9;
    expect(t.cpu_tolist()).toEqual([9, 2, 255]);
    expect(() => T.float16).toThrow(TypeError);
    expect(() => T.half).toThrow(/torch\.half is not supported in Torchlit/);
    expect(() => T.zeros(1).half).toThrow(/torch\.float16 is not supported/);
  });
});

describe('small integer dtypes on WebGPU', () => {
  it('are CPU only: moving one raises, converting on the way works', async () => {
    if (!(await backends()).includes('webgpu')) return;
    expect(() => a().to('webgpu')).toThrow(/torch\.uint8 tensors have no webgpu storage in Torchlit yet/);
    expect(() => T.zeros(2, { dtype: T.uint8, device: 'webgpu' })).toThrow(/no webgpu storage/);
    const g = a().to({ device: 'webgpu', dtype: T.float32 });
    expect(Array.from(await g.data())).toEqual([250, 3, 128, 0]);
  });
});
