// Both projects run their test files one after another in one module graph per worker (`isolate:
// false` in vitest.config.ts: loading the engine's modules again for each file cost a third of the
// browser step and over half of the Node one's CPU). This setup file runs before each test file and
// puts back the engine-wide settings, and vitest's own stubs, a file may have changed, so each file
// starts as in a new worker.
import { vi } from 'vitest';
import { state } from '../state';
import { Device } from '../device';
import { float32 } from '../dtype';
import { setGradEnabled } from '../autograd';
import { set_debug_nonfinite, set_detect_anomaly } from '../debug';
import { resetWarnings } from '../warnings';

state.defaultDevice = Device.cpu;
state.defaultDtype = float32;
state.interruptCheck = null;
state.backwardNode = null;
setGradEnabled(true);
set_debug_nonfinite(false);
set_detect_anomaly(false);
resetWarnings();
vi.useRealTimers();
vi.unstubAllGlobals();
vi.unstubAllEnvs();
vi.restoreAllMocks();
