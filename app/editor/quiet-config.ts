// Creating a Monaco editor writes its options into Monaco's one configuration service, which
// compares each with `===`. Object-valued options (minimap, scrollbar, padding) come back from it
// as merged copies, so every editor creation announced a configuration change, and Monaco then
// re-read the options of every model: one per code cell, so about 1 s of main thread per editor
// mounted in a 20,000-cell notebook on a loaded machine (issue 22, hole 6). Here a value that
// the service already holds (every key equal) is not written again, so no change is announced.
// Monaco internals (0.57's StandaloneConfigurationService.updateValues); if they move, the wrapper
// is not installed and editors only cost what they did.

// @ts-expect-error Monaco's ESM internals have no declarations
import { StandaloneServices } from '../../node_modules/monaco-editor/esm/vs/editor/standalone/browser/standaloneServices.js';
// @ts-expect-error Monaco's ESM internals have no declarations
import { IConfigurationService } from '../../node_modules/monaco-editor/esm/vs/platform/configuration/common/configuration.js';


/** Whether `held` already has every key of `value` (deeply; primitives by ===). */
export function holds(held: unknown, value: unknown): boolean {
  if (held === value) return true;
  if (typeof value !== 'object' || value === null || typeof held !== 'object' || held === null) return false;
  if (Array.isArray(value)) return Array.isArray(held) && held.length === value.length && value.every((v, i) => holds(held[i], v));
  return Object.entries(value).every(([k, v]) => holds((held as Record<string, unknown>)[k], v));
}

interface ConfigService {
  getValue(key: string): unknown;
  updateValues(values: [string, unknown][]): Promise<void>;
}

let installed = false;
export function quietConfigurationChanges(): void {
  if (installed) return;
  installed = true;
  try {
    const svc = (StandaloneServices as { get(id: unknown): ConfigService }).get(IConfigurationService);
    if (typeof svc?.updateValues !== 'function' || typeof svc.getValue !== 'function') return;
    const update = svc.updateValues.bind(svc);
    svc.updateValues = (values) => update(values.filter(([k, v]) => !holds(svc.getValue(k), v)));
  } catch (e) {
    console.warn('Torchlit: Monaco configuration service not patched', e);
  }
}
