// Relative URLs in a cell and the pretrained-weights folder resolve against the notebook page's
// base URL (set by the kernel at start), never against the kernel worker's script (issue 17).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { _set_app_base_url, models, torch } from '../index';

/** fetch that answers 404 and records what was asked for. */
function stubFetch(): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (u: string | URL) => {
    asked.push(String(u));
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  _set_app_base_url(null);
  models.set_weights_base_url(null);
});

describe('app base URL', () => {
  it("weights: 'DEFAULT' reads <app>/weights/<model>.safetensors and says what was tried and how to provide it", async () => {
    const asked = stubFetch();
    _set_app_base_url('http://app.test/notebooks/');
    const err = await models.vgg11({ weights: 'DEFAULT', progress: false }).catch((e: Error) => e);
    expect(asked).toEqual(['http://app.test/notebooks/weights/vgg11.safetensors']);
    expect(String(err)).toMatch(/^WeightsNotFound: Could not load weights from http:\/\/app\.test\/notebooks\/weights\/vgg11\.safetensors: HTTP 404 Not Found\./);
    expect(String(err)).toMatch(/convert_weights\.py vgg11.*public\/weights\/vgg11\.safetensors.*set_weights_base_url/s);
  });

  it('set_weights_base_url and weights_url may be relative to the app; absolute ones are kept', async () => {
    const asked = stubFetch();
    _set_app_base_url('http://app.test/nb/');
    models.set_weights_base_url('models');
    await models.vgg13({ weights: 'DEFAULT', progress: false }).catch(() => {});
    models.set_weights_base_url('https://cdn.test/w/');
    await models.vgg13({ weights: 'DEFAULT', progress: false }).catch(() => {});
    await models.vgg13({ weights: 'DEFAULT', progress: false, weights_url: '../files/v13.safetensors' }).catch(() => {});
    expect(asked).toEqual(['http://app.test/nb/models/vgg13.safetensors', 'https://cdn.test/w/vgg13.safetensors', 'http://app.test/files/v13.safetensors']);
  });

  it('torch.load of a relative URL reads it from the app', async () => {
    const asked = stubFetch();
    _set_app_base_url('http://app.test/');
    await expect(torch.load('weights/tiny.safetensors')).rejects.toThrow('Could not load weights from http://app.test/weights/tiny.safetensors: HTTP 404 Not Found.');
    expect(asked).toEqual(['http://app.test/weights/tiny.safetensors']);
  });

  // Node only: a browser test page has a location, which the engine (rightly) falls back to.
  it.runIf(typeof window === 'undefined')('without a page (Node, no base set) the default folder is an error that says what to do', async () => {
    await expect(models.vgg11({ weights: 'DEFAULT', progress: false })).rejects.toThrow(/no weights_url, weights_file or weights base URL is set.*set_weights_base_url/s);
    expect(() => _set_app_base_url('javascript:alert(1)')).toThrow(/must be http/);
  });
});
