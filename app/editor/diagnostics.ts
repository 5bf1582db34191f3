// Which TypeScript diagnostics a cell should not show (pure; unit-tested).

/** Member names of the engine's Tensor: its class body and every `interface Tensor` augmentation. */
export function tensorMembers(dts: string): Set<string> {
  const names = new Set<string>();
  for (const m of dts.matchAll(/(?:class|interface) Tensor\b[^{]*\{/g)) {
    let depth = 1;
    let k = m.index! + m[0].length;
    const start = k;
    while (k < dts.length && depth > 0) {
      const ch = dts[k++];
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    const body = dts.slice(start, k - 1);
    for (const n of body.matchAll(/^\s+(?:static |readonly |get |set )*([A-Za-z_$][\w$]*)\??[(<:]/gm)) names.add(n[1]);
  }
  return names;
}

/**
 * TypeScript types `w * x + b` as a number; the kernel makes it a tensor. Drop the errors that
 * follow from that (a tensor method called on "number", a "number" passed where a Tensor is
 * expected) and keep every other diagnostic. `after` is the cell's text just after the marked
 * range: a compound assignment to a constant (`for (const p of model.parameters()) p -= lr * p.grad`)
 * is in place on a tensor, as in PyTorch, so its "Cannot assign to 'p' because it is a constant"
 * goes too (on a number the kernel still raises TypeError: Assignment to constant variable).
 */
export function isTensorArithmeticArtifact(code: string, message: string, members: Set<string>, after = ''): boolean {
  if (code === '2588') return /^\s*(\*\*|[-+*/%])=/.test(after);
  if (code === '2339' || code === '2551') {
    const m = /^Property '([^']+)' does not exist on type '(number|bigint)'/.exec(message);
    return !!m && members.has(m[1]);
  }
  if (code === '2345' || code === '2322') return /type '(number|bigint)' is not assignable to (parameter of )?type '[^']*Tensor/.test(message);
  return false;
}
