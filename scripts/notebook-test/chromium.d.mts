// Types for chromium.mjs (plain ESM: the installed `torchlit` command and the measure scripts use it).
export declare const PLAYWRIGHT_DISABLED_FEATURES: string[];
export declare const WINDOW_UI_FEATURES: string[];
export declare const DISABLE_FEATURES: string;
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
