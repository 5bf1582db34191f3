import { describe, expect, it } from 'vitest';
import { decideTrust, originOf, readOwnConfig } from './frame-trust';

const APP = 'http://localhost:5173';
const KERNEL = 'http://127.0.0.1:5174';
const config = { kernelOrigin: KERNEL, appOrigins: [APP] };

describe('the kernel frame trusts only its own config', () => {
  it('on the kernel origin it obeys exactly the configured app origins', () => {
    expect(decideTrust(KERNEL, config, false)).toEqual({ ok: true, allowed: [APP], isolated: true });
    expect(decideTrust(KERNEL, { kernelOrigin: `${KERNEL}/torchlit/`, appOrigins: [`${APP}/torchlit/index.html`, 'https://b.example'] }, false)).toEqual({ ok: true, allowed: [APP, 'https://b.example'], isolated: true });
  });

  it('on the app origin of an isolated setup it refuses to run', () => {
    const t = decideTrust(APP, config, false);
    expect(t.ok).toBe(false);
    expect(t.ok ? '' : t.reason).toContain(KERNEL);
  });

  it('refuses a kernel origin with no usable app origins', () => {
    expect(decideTrust(KERNEL, { kernelOrigin: KERNEL }, false).ok).toBe(false);
    expect(decideTrust(KERNEL, { kernelOrigin: KERNEL, appOrigins: ['*', 'null', 42, KERNEL] }, false).ok).toBe(false);
    expect(decideTrust(KERNEL, { kernelOrigin: 'not a url', appOrigins: [APP] }, false).ok).toBe(false);
  });

  it('with no kernel origin (or no config) it is a same-origin kernel obeying only its own origin', () => {
    expect(decideTrust(APP, null, false)).toEqual({ ok: true, allowed: [APP], isolated: false });
    expect(decideTrust(APP, { appOrigins: ['http://evil.example'] }, false)).toEqual({ ok: true, allowed: [APP], isolated: false });
    expect(decideTrust(APP, config, true)).toEqual({ ok: true, allowed: [APP], isolated: false });
  });

  it('normalises origins', () => {
    expect(originOf('https://a.example:443/x/y?z')).toBe('https://a.example');
    expect(originOf('data:text/html,x')).toBeNull();
    expect(originOf('')).toBeNull();
  });

  it('reads config.json from its own document base, and null when it cannot', async () => {
    const seen: string[] = [];
    const ok = (async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify(config), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await readOwnConfig(`${KERNEL}/app/kernel.html#device=cpu`, ok)).toEqual(config);
    expect(seen).toEqual([`${KERNEL}/app/config.json`]);
    const down = (async () => new Response('busy', { status: 503 })) as unknown as typeof fetch;
    expect(await readOwnConfig(`${KERNEL}/kernel.html`, down)).toBeNull();
  });

  it('takes the copy its origin embedded in kernel.html without a request; a broken copy is no config', async () => {
    let asked = 0;
    const counting = (async () => {
      asked++;
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    expect(await readOwnConfig(`${KERNEL}/kernel.html`, counting, JSON.stringify(config))).toEqual(config);
    expect(await readOwnConfig(`${KERNEL}/kernel.html`, counting, '{"kernelOrigin":')).toBeNull();
    expect(asked).toBe(0);
  });
});
