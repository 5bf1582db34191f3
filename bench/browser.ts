// Browser variant of the bench (in progress).
export async function runBrowser(_flags: { quick: boolean }): Promise<void> {
  throw new Error('bench --browser: not implemented yet');
}
