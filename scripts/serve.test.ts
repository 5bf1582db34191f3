// `npm start` writes each origin's config.json into its HTML (scripts/serve.mjs embedConfig) for
// the app and the kernel frame to read without a request (app/protocol/embedded-config.ts).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (Node built-ins only), no declarations
import { embedConfig } from './serve.mjs';

describe('embedConfig', () => {
  it('puts the config in <head> as a JSON data block the app parses back as it was', () => {
    const config = { kernelOrigin: 'http://127.0.0.1:5174', appOrigins: ['http://localhost:5173'] };
    const html = embedConfig('<!doctype html><html><head><title>T</title></head><body></body></html>', config) as string;
    const m = /<head><title>T<\/title><script type="application\/json" id="torchlit-config">(.*)<\/script><\/head><body>/.exec(html);
    expect(m).not.toBeNull();
    expect(JSON.parse(m![1])).toEqual(config);
  });

  it('escapes "<" so that no value can close the element or open another', () => {
    const config = { kernelOrigin: 'http://k.test', notebooks: ['a</script><script>alert(1)</script>', '<!--'] };
    const html = embedConfig('<head></head>', config) as string;
    const open = '<script type="application/json" id="torchlit-config">';
    const inner = html.slice(html.indexOf(open) + open.length, html.lastIndexOf('</script>'));
    expect(inner).not.toContain('<');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(inner)).toEqual(config);
  });
});
