// The browser project runs its test files one after another in one page per worker (`isolate:
// false` in vitest.config.ts: loading the engine's modules again for each of ~70 files cost a
// third of the step). This setup file runs before each test file and puts back the engine-wide
// settings a file may have changed, so each file starts as in a new page.
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
