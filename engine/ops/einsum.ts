// torch.einsum: letters name dims; `...` stands for broadcast dims; a letter repeated within one
// operand takes its diagonal ('ii->i', trace 'ii->'). Each pairwise contraction is one batched
// matmul, so every backend runs it and gradients come from matmul, permute, sum and diagonal.
import { RuntimeError } from '../errors';
import { Tensor } from '../tensor';
import { matmul } from './matmul';

/** Sums `t`'s dims whose letters are not in `keep`, returning the remaining letters in order. */
function sumOut(t: Tensor, letters: string, keep: Set<string>): [Tensor, string] {
  const dims = [...letters].map((c, i) => (keep.has(c) ? -1 : i)).filter((i) => i >= 0);
  if (!dims.length) return [t, letters];
  return [t.sum(dims), [...letters].filter((c) => keep.has(c)).join('')];
}

/** One pairwise contraction as a batched matmul; the result holds the letters in `keep`. */
function contract(a: Tensor, la: string, b: Tensor, lb: string, keep: Set<string>): [Tensor, string] {
  const inB = new Set(lb), inA = new Set(la);
  [a, la] = sumOut(a, la, new Set([...la].filter((c) => keep.has(c) || inB.has(c))));
  [b, lb] = sumOut(b, lb, new Set([...lb].filter((c) => keep.has(c) || inA.has(c))));
  const batch = [...la].filter((c) => lb.includes(c) && keep.has(c));
  const summed = [...la].filter((c) => lb.includes(c) && !keep.has(c));
  const onlyA = [...la].filter((c) => !lb.includes(c)), onlyB = [...lb].filter((c) => !la.includes(c));
  const size = (t: Tensor, l: string, cs: string[]) => cs.reduce((n, c) => n * t._shape[l.indexOf(c)], 1);
  const pa = a.permute([...batch, ...onlyA, ...summed].map((c) => la.indexOf(c)));
  const pb = b.permute([...batch, ...summed, ...onlyB].map((c) => lb.indexOf(c)));
  for (const c of [...batch, ...summed])
    if (a._shape[la.indexOf(c)] !== b._shape[lb.indexOf(c)])
      throw new RuntimeError(`einsum(): operands do not broadcast with remapped shapes (original->remapped): [${a._shape.join(', ')}] and [${b._shape.join(', ')}]`);
  const B = size(a, la, batch), M = size(a, la, onlyA), K = size(a, la, summed), N = size(b, lb, onlyB);
  const r = matmul(pa.reshape([B, M, K]), pb.reshape([B, K, N]));
  const shape = [...batch.map((c) => a._shape[la.indexOf(c)]), ...onlyA.map((c) => a._shape[la.indexOf(c)]), ...onlyB.map((c) => b._shape[lb.indexOf(c)])];
  return [r.reshape(shape), [...batch, ...onlyA, ...onlyB].join('')];
}

/** Takes diagonals until no letter repeats within the operand ('ii' → one dim 'i'). */
function diagonals(t: Tensor, letters: string): [Tensor, string] {
  for (;;) {
    const c = [...letters].find((ch, i) => letters.indexOf(ch) !== i);
    if (c === undefined) return [t, letters];
    const i = letters.indexOf(c), j = letters.indexOf(c, i + 1);
    if (t._shape[i] !== t._shape[j])
      throw new RuntimeError(`einsum(): subscript ${c} is repeated for operand but the sizes don't match, ${t._shape[i]} != ${t._shape[j]}`);
    t = t.diagonal(0, i, j);
    letters = [...letters].filter((_, k) => k !== i && k !== j).join('') + c;
  }
}

/**
 * Einstein summation: `torch.einsum('bij,bjk->bik', a, b)`. Letters name dims; letters absent from
 * the output are summed; without `->` the output is `...` then the letters used once, sorted.
 * `...` broadcasts; a repeated letter in one operand takes the diagonal.
 * @example torch.einsum('ij,jk->ik', x, w); torch.einsum('ii->', m); torch.einsum('...ij,...jk', imgs, imgs).shape // torch.Size([2, 3, 8, 8])
 */
export function einsum(equation: string, ...operands: (Tensor | Tensor[])[]): Tensor {
  const ts = operands.length === 1 && Array.isArray(operands[0]) ? [...operands[0]] : [...(operands as Tensor[])];
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs0] = eq.includes('->') ? eq.split('->') : [eq, null];
  const ins = lhs.split(',');
  if (ins.length > ts.length) throw new RuntimeError('einsum(): fewer operands were provided than specified in the equation');
  if (ins.length < ts.length) throw new RuntimeError('einsum(): more operands were provided than specified in the equation');
  ins.forEach((l, i) => {
    if (!/^[a-zA-Z]*(\.\.\.)?[a-zA-Z]*$/.test(l)) throw new RuntimeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
    const named = l.replace('...', '').length;
    if (l.includes('...') ? named > ts[i].ndim : named !== ts[i].ndim)
      throw new RuntimeError(`einsum(): the number of subscripts in the equation (${named}) ${l.includes('...') ? 'is more than' : 'does not match'} the number of dimensions (${ts[i].ndim}) for operand ${i}${l.includes('...') ? '' : ' and no ellipsis was given'}`);
  });
  // '...' becomes fresh letters, right-aligned and broadcast across operands
  const used = new Set(eq.replace(/[^a-zA-Z]/g, ''));
  const fresh = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'].filter((c) => !used.has(c));
  const ellN = Math.max(0, ...ins.map((l, i) => (l.includes('...') ? ts[i].ndim - l.replace('...', '').length : 0)));
  const ell = fresh.slice(fresh.length - ellN).join('');
  const ellSizes = new Array<number>(ellN).fill(1);
  ins.forEach((l, i) => {
    if (!l.includes('...')) return;
    const k = ts[i].ndim - l.replace('...', '').length, at = l.indexOf('...');
    for (let j = 0; j < k; j++) {
      const s = ts[i]._shape[at + j], pos = ellN - k + j;
      if (s !== 1 && ellSizes[pos] !== 1 && ellSizes[pos] !== s)
        throw new RuntimeError(`einsum(): operands do not broadcast with remapped shapes (original->remapped)`);
      if (s !== 1) ellSizes[pos] = s;
    }
  });
  const letters = ins.map((l, i) => {
    if (!l.includes('...')) return l;
    const k = ts[i].ndim - l.replace('...', '').length, at = l.indexOf('...');
    // missing leading broadcast dims are added as size 1, then every broadcast dim is expanded
    let t = ts[i];
    for (let j = k; j < ellN; j++) t = t.unsqueeze(at);
    const shape = [...t._shape];
    for (let j = 0; j < ellN; j++) shape[at + j] = ellSizes[j];
    ts[i] = t.expand(shape);
    return l.replace('...', ell);
  });
  const counts = new Map<string, number>();
  for (const l of letters) for (const c of new Set(l)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const sortedOnce = [...counts.keys()].filter((c) => !ell.includes(c) && counts.get(c) === 1 && letters.join('').split(c).length === 2).sort().join('');
  const out = rhs0 === null ? ell + sortedOnce : rhs0.replace('...', ell);
  if (rhs0 !== null && rhs0.includes('...') && rhs0.indexOf('...') !== rhs0.lastIndexOf('...')) throw new RuntimeError("einsum(): found '.' for output but it is not part of any ellipsis");
  for (const c of out) {
    if (!counts.has(c)) throw new RuntimeError(`einsum(): output subscript ${c} does not appear in the equation for any input operand`);
    if (out.indexOf(c) !== out.lastIndexOf(c)) throw new RuntimeError(`einsum(): output subscript ${c} appears more than once in the output`);
  }
  const parts = letters.map((l, i) => diagonals(ts[i], l));
  let [cur, curL] = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const later = new Set([...out, ...parts.slice(i + 1).map((p) => p[1]).join('')]);
    [cur, curL] = contract(cur, curL, parts[i][0], parts[i][1], later);
  }
  [cur, curL] = sumOut(cur, curL, new Set(out));
  return curL.length ? cur.permute([...out].map((c) => curL.indexOf(c))) : cur;
}
