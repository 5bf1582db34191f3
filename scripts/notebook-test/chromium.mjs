// The Chromium switches every headless run of ours uses: the e2e and browser unit tests, the
// notebook test command (`torchlit test`), the benches and the start-up measures.
//
// `--disable-features`: each new browser context opens a window, and Chromium 156's window loads
// its omnibox popup as a web page of its own (chrome://omnibox-popup.top-chrome, with the AI-mode
// composebox: ~1.7 CPU-s per window on this 2-core machine, 2.3–3.0 CPU-s for a context with one
// about:blank page against 0.6–1.1 CPU-s without it). A headless run never shows that popup, and a
// test or a start-up measure that opens a context per run paid for it in every run, in the same
// seconds as the page it measured. Chromium keeps the last value of a repeated switch (measured:
// `--enable-features=A --enable-features=B` enables only B), so ours repeats Playwright's own list
// (playwright-core's chromiumSwitches.ts) before adding to it; `scripts/notebook-test/chromium.test.ts`
// checks that it still holds every feature the installed Playwright disables.

/** Features Playwright 1.65 disables (its `disabledFeatures`), which our switch must keep. */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/** The browser window's own web UI that a headless page never sees (see above). */
export const WINDOW_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'];

export const DISABLE_FEATURES = `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...WINDOW_UI_FEATURES].join(',')}`;

/** The Chromium to use: `CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * WebGPU on (SwiftShader where there is no GPU), no QUIC (this machine's network drops it), no
 * sandbox (CI runs as root), nothing fetched in the background, and the features above off.
 */
export const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--disable-quic', '--no-sandbox', '--disable-background-networking', '--disable-component-update', DISABLE_FEATURES];
