// Cell ids: nbformat 4.5 wants 1-64 chars of [a-zA-Z0-9-_].
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newCellId(): string {
  let s = '';
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

export const isValidCellId = (id: unknown): id is string => typeof id === 'string' && /^[a-zA-Z0-9-_]{1,64}$/.test(id);
