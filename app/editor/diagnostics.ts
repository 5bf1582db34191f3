// Which TypeScript diagnostics a cell should not show (pure; unit-tested).

/** Public member names of the engine's Tensor class. */
export function tensorMembers(tensorDts: string): Set<string> {
  const body = /export declare class Tensor\b[^{]*\{([\s\S]*?)\n\}/.exec(tensorDts)?.[1] ?? '';
  const names = new Set<string>();
  for (const m of body.matchAll(/^\s{4}(?:static |readonly |get |set )*([A-Za-z_$][\w$]*)\??[(<:]/gm)) names.add(m[1]);
  return names;
}

/**
 * TypeScript types `w * x + b` as a number; the kernel makes it a tensor. Drop the errors that
 * follow from that (a tensor method called on "number", a "number" passed where a Tensor is
 * expected) and keep every other diagnostic.
 */
export function isTensorArithmeticArtifact(code: string, message: string, members: Set<string>): boolean {
  if (code === '2339' || code === '2551') {
    const m = /^Property '([^']+)' does not exist on type '(number|bigint)'/.exec(message);
    return !!m && members.has(m[1]);
  }
  if (code === '2345' || code === '2322') return /type '(number|bigint)' is not assignable to (parameter of )?type '[^']*Tensor/.test(message);
  return false;
}
