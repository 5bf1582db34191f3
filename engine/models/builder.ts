// What every torchvision builder here shares (`models.vgg16(...)`, `models.resnet18(...)`): the
// options (weights, pretrained, progress, weights_url / weights_file, num_classes), torchvision's
// warnings for `pretrained`, where a weights file is looked for, and how a missing one is explained.
import { RuntimeError } from '../errors';
import { loadSafetensorsInto, type KeyMap } from '../io/load_module';
import { WeightsNotFound, openUrl, type ProgressFn, type WeightsSource } from '../io/safetensors';
import { appBaseUrl, resolveAppUrl } from '../io/base-url';
import type { Module } from '../nn/module';
import { Weights, type WeightsEnum } from './weights';

/**
 * Where builders look for `<model>.safetensors` when no `weights_url`/`weights_file` is given.
 * `null` (the default): the `weights/` folder next to the app, i.e. the notebook page's base URL
 * (`public/weights/` in this repo, served at `/weights/`); a relative URL resolves against that page.
 */
export const weights_config: { base_url: string | null } = { base_url: null };

/**
 * Sets the folder (URL) that pretrained weights are fetched from; null restores the app's `weights/`.
 * @example
 * models.set_weights_base_url('https://example.org/weights/');  // vgg16 then reads https://example.org/weights/vgg16.safetensors
 * print(models.weights_config.base_url);
 * models.set_weights_base_url(null);  // back to the app's weights/ folder
 * // https://example.org/weights/
 */
export function set_weights_base_url(url: string | null): void {
  weights_config.base_url = url === null ? null : String(url);
}

/** The weights folder as an absolute URL (ending in '/'), or null where there is no page to resolve against (Node). */
function weightsFolder(): string | null {
  const set = weights_config.base_url;
  if (set !== null) {
    const abs = resolveAppUrl(set.endsWith('/') ? set : `${set}/`);
    return /^[a-z][a-z0-9+.-]*:/i.test(abs) ? abs : null;
  }
  const app = appBaseUrl();
  return app === null ? null : new URL('weights/', app).href;
}

/** The options every builder takes (torchvision's keywords, plus where the weights file is). */
export interface BuilderOptions {
  /** 'DEFAULT', 'IMAGENET1K_V1', a Weights entry (`models.VGG16_Weights.DEFAULT`) or null (random init). */
  weights?: Weights | string | null;
  /** Deprecated in torchvision 0.13: `true` means `weights: 'IMAGENET1K_V1'` (with torchvision's warning). */
  pretrained?: boolean;
  /** Print download progress (default true). */
  progress?: boolean;
  /** Called with (bytes loaded, total bytes) while the weights stream in. */
  onProgress?: ProgressFn;
  /** Where to fetch the safetensors file from (default: `<weights base url>/<model>.safetensors`). */
  weights_url?: string;
  /** The safetensors file itself: a File/Blob (e.g. dropped by the user), an ArrayBuffer or bytes. */
  weights_file?: WeightsSource;
  num_classes?: number;
}

/** `models.vgg16('DEFAULT')` / `(weightsEntry)` / `(null)` / `({...})` → the options object. */
export function builderOptions<O extends BuilderOptions>(opts: O | Weights | string | null | undefined): O {
  return (opts === null || typeof opts === 'string' || opts instanceof Weights ? { weights: opts } : (opts ?? {})) as O;
}

function howToGet(name: string, w: Weights, more: string): string {
  return (
    `Torchlit reads pretrained weights from a safetensors file (${w.file}). To make it: run ` +
    `\`python3 scripts/convert_weights.py ${name}\` on any machine with Python, torch and internet (it downloads torchvision's ` +
    `${w.url.split('/').pop()} and writes ${w.file})` +
    more +
    `. Then put it in the weights/ folder next to the app (in this repo: public/weights/${w.file}, before \`npm start\`), ` +
    'call models.set_weights_base_url(url), or pass {weights_url} or {weights_file: file}. ' +
    'A cross-origin URL needs CORS (Access-Control-Allow-Origin) and Cross-Origin-Resource-Policy: cross-origin headers.'
  );
}

function progressPrinter(file: string): ProgressFn {
  let lastPct = -10;
  return (loaded, total) => {
    const pct = Math.floor((100 * loaded) / total);
    if (pct >= lastPct + 10 || loaded === total) {
      lastPct = pct;
      console.log(`${file}: ${pct}% (${(loaded / 1e6).toFixed(1)} / ${(total / 1e6).toFixed(1)} MB)`);
    }
  };
}

/**
 * Builds `name`: with no weights, `make()` then `randomInit` (torchvision's initialisation); with
 * weights, the file is opened first (a missing one fails before the model is allocated), then
 * `make()` and the file streamed into it.
 */
export async function buildModel<M extends Module>(
  name: string,
  wenum: WeightsEnum,
  o: BuilderOptions,
  make: () => M,
  randomInit: (model: M) => void,
  extra: { keyMap?: KeyMap; howTo?: string } = {},
): Promise<M> {
  let weightsArg = o.weights;
  if (o.pretrained !== undefined) {
    console.warn("The parameter 'pretrained' is deprecated since 0.13 and may be removed in the future, please use 'weights' instead.");
    if (o.pretrained) {
      console.warn(
        "Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. " +
          `The current behavior is equivalent to passing \`weights=${wenum.IMAGENET1K_V1}\`. You can also use \`weights=${wenum.IMAGENET1K_V1.enum_name}.DEFAULT\` to get the most up-to-date weights.`,
      );
      weightsArg = wenum.IMAGENET1K_V1;
    } else weightsArg = null;
  }
  const weights = wenum.verify(weightsArg);
  const num_classes = o.num_classes ?? 1000;
  if (weights && num_classes !== 1000) throw new RuntimeError(`The parameter 'num_classes' expected value 1000 but got ${num_classes} instead.`);
  if (!weights) {
    const model = make();
    randomInit(model);
    return model;
  }
  const more = extra.howTo ?? '';
  const folder = weightsFolder();
  const where = o.weights_file ?? o.weights_url ?? (folder === null ? null : new URL(weights.file, folder).href);
  if (where === null) throw new WeightsNotFound('(no location)', 'no weights_url, weights_file or weights base URL is set', howToGet(name, weights, more));
  const onProgress = o.onProgress ?? ((o.progress ?? true) ? progressPrinter(weights.file) : undefined);
  try {
    // a URL is opened before the model's parameters are allocated: a missing file fails at once
    const src = typeof where === 'string' || where instanceof URL ? await openUrl(String(where)) : where;
    const model = make();
    await loadSafetensorsInto(model, src, { keyMap: extra.keyMap, onProgress });
    return model;
  } catch (e) {
    if (e instanceof WeightsNotFound) throw new WeightsNotFound(e.url, e.message.replace(/^Could not load weights from \S+: /, '').replace(/\.$/, ''), howToGet(name, weights, more));
    throw e;
  }
}
