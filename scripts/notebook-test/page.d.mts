// Types for page.mjs (plain ESM so the installed `torchlit` command needs no build step).
import type { Page } from 'playwright-core';

export interface ShownCell {
  type: string | null;
  status: string | null;
  ran: boolean;
  verdict: 'met' | 'unmet' | null;
  problems: string[];
  statusText: string;
  ms: number | null;
}
export declare const BUSY: string;
export declare function parseDuration(statusText: string | null | undefined): number | null;
export declare function readCells(page: Page): Promise<ShownCell[]>;
export declare function waitForNotebook(page: Page, cellCount: number, timeoutMs?: number): Promise<void>;
export declare function selectDevice(page: Page, device: string, timeoutMs?: number): Promise<void>;
export declare function runAllAndWait(page: Page, opts?: { pollMs?: number }): Promise<void>;
export declare function downloadNotebook(page: Page): Promise<any>;
