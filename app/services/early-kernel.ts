// The kernel frame public/kernel-early.js starts before the app's code has loaded (issue 21:
// start-up). The app takes its config.json response (read by loadKernelConfig exactly as a fetch
// of its own would be: fail closed as before) and adopts its frame when it is the frame the app
// would have made (same URL), replaying the messages the frame sent meanwhile. Either happens at
// most once; with no early script (the dev server, tests) both return null.

interface EarlyKernel {
  config: Promise<Response> | null;
  ready: Promise<void> | null;
  frame: HTMLIFrameElement | null;
  url: string | null;
  origin: string | null;
  messages: MessageEvent[];
  stop: (() => void) | null;
  taken: boolean;
}

const early = (): EarlyKernel | null => (typeof window === 'undefined' ? null : ((window as { __torchlitEarlyKernel?: EarlyKernel }).__torchlitEarlyKernel ?? null));

/** The early script's fetch of ./config.json (its body unread), once; null when there is none. */
export function takeEarlyConfig(): Promise<Response> | null {
  const e = early();
  if (!e?.config) return null;
  const c = e.config;
  e.config = null;
  return c;
}

/**
 * The early frame, when it is the one `url` names (else it is removed), with the messages it sent
 * before the app listened; the caller must install its own listener first, in the same task, so
 * that no message falls between the two. Null: none to adopt (make one).
 */
export async function adoptEarlyFrame(url: string): Promise<{ frame: HTMLIFrameElement; messages: MessageEvent[] } | null> {
  const e = early();
  if (!e || e.taken) return null;
  await e.ready;
  if (e.taken) return null;
  e.taken = true;
  e.stop?.();
  const { frame, messages } = e;
  e.messages = [];
  if (!frame) return null;
  if (e.url !== url || !frame.isConnected) {
    frame.remove();
    return null;
  }
  return { frame, messages };
}
