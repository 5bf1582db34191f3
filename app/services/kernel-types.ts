// The kernel client interface the app depends on (implemented by ./kernel-client.ts, which the
// kernel owns). Kept here so the app compiles and degrades gracefully while it is absent.
import type { Backend, FromKernel, KernelStatus, VariableInfo } from '../protocol/messages';

export interface KernelClient {
  /** The last status the kernel reported (null until the first one). */
  readonly status: KernelStatus | null;
  onMessage(fn: (m: FromKernel) => void): () => void;
  /** Starts running a cell; returns the request id its replies carry. */
  execute(cellId: string, code: string, executionCount: number): string;
  interrupt(): void;
  restart(): Promise<void>;
  setDevice(device: Backend): void;
  inspect(): Promise<VariableInfo[]>;
  dispose(): void;
}

export interface KernelClientOptions {
  kernelOrigin?: string;
  device?: Backend;
}

export type CreateKernelClient = (options: KernelClientOptions) => KernelClient;
