// The messages between the page, the kernel frame and the kernel worker.
// Types and their runtime guards only: every side checks what it receives with `isToKernel`
// / `isFromKernel` before acting on it (a shared notebook is someone else's code).

/** nbformat's MIME bundle: MIME type → value (string for text types, JSON for our vendor types). */
export type MimeBundle = Record<string, unknown>;

export type KernelState = 'starting' | 'idle' | 'busy' | 'dead';
export type Backend = 'cpu' | 'webgpu';

export interface KernelStatus {
  type: 'status';
  status: KernelState;
  backend: Backend;
  isolated: boolean;
  /** Why WebGPU is not available, when it is not. */
  webgpu: { available: boolean; reason?: string };
  version: string;
  /** `self.crossOriginIsolated` in the kernel frame (SharedArrayBuffer, cooperative interrupt). */
  crossOriginIsolated?: boolean;
}

export interface VariableInfo {
  name: string;
  /** 'Tensor', 'Parameter', 'Module(Sequential)', 'number', 'function', … */
  type: string;
  shape?: number[];
  dtype?: string;
  device?: string;
  requires_grad?: boolean;
  /** Parameter count for modules. */
  numel?: number;
  /** Short text form, truncated. */
  summary: string;
}

/** Page (via the kernel frame) → kernel worker. `id` pairs a request with its replies. */
export type ToKernel =
  | { type: 'execute'; id: string; cellId: string; code: string; executionCount: number }
  | { type: 'interrupt' }
  | { type: 'restart' }
  | { type: 'set_device'; device: Backend }
  | { type: 'inspect'; id: string };

/** Kernel worker (via the kernel frame) → page. */
export type FromKernel =
  | KernelStatus
  | { type: 'stream'; id: string; cellId: string; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display'; id: string; cellId: string; data: MimeBundle; metadata: Record<string, unknown>; display_id?: string }
  | { type: 'update_display'; id: string; cellId: string; display_id: string; data: MimeBundle; metadata: Record<string, unknown> }
  | { type: 'execute_result'; id: string; cellId: string; executionCount: number; data: MimeBundle; metadata: Record<string, unknown> }
  | {
      type: 'error';
      id: string;
      cellId: string;
      ename: string;
      evalue: string;
      traceback: string[];
      /** 1-based line and column in the cell's own source. */
      line?: number;
      column?: number;
    }
  | { type: 'execute_reply'; id: string; cellId: string; status: 'ok' | 'error' | 'interrupted'; durationMs: number }
  | { type: 'variables'; id: string; variables: VariableInfo[] }
  | { type: 'restarted'; reason: 'user' | 'unresponsive' | 'crashed'; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isMimeBundle(v: unknown): v is MimeBundle {
  return isObj(v) && Object.keys(v).every((k) => /^[a-z]+\/[\w.+-]+$/i.test(k));
}

export function isVariableInfo(v: unknown): v is VariableInfo {
  return isObj(v) && isStr(v.name) && isStr(v.type) && isStr(v.summary) && (v.shape === undefined || (Array.isArray(v.shape) && v.shape.every(isNum)));
}

export function isToKernel(m: unknown): m is ToKernel {
  if (!isObj(m) || !isStr(m.type)) return false;
  switch (m.type) {
    case 'execute':
      return isStr(m.id) && isStr(m.cellId) && isStr(m.code) && isNum(m.executionCount);
    case 'interrupt':
    case 'restart':
      return true;
    case 'set_device':
      return m.device === 'cpu' || m.device === 'webgpu';
    case 'inspect':
      return isStr(m.id);
    default:
      return false;
  }
}

export function isFromKernel(m: unknown): m is FromKernel {
  if (!isObj(m) || !isStr(m.type)) return false;
  switch (m.type) {
    case 'status':
      return ['starting', 'idle', 'busy', 'dead'].includes(m.status as string) && (m.backend === 'cpu' || m.backend === 'webgpu') && typeof m.isolated === 'boolean' && isObj(m.webgpu) && typeof m.webgpu.available === 'boolean' && (m.webgpu.reason === undefined || isStr(m.webgpu.reason)) && isStr(m.version) && (m.crossOriginIsolated === undefined || typeof m.crossOriginIsolated === 'boolean');
    case 'stream':
      return isStr(m.id) && isStr(m.cellId) && (m.name === 'stdout' || m.name === 'stderr') && isStr(m.text);
    case 'display':
      return isStr(m.id) && isStr(m.cellId) && isMimeBundle(m.data) && isObj(m.metadata) && (m.display_id === undefined || isStr(m.display_id));
    case 'update_display':
      return isStr(m.id) && isStr(m.cellId) && isStr(m.display_id) && isMimeBundle(m.data) && isObj(m.metadata);
    case 'execute_result':
      return isStr(m.id) && isStr(m.cellId) && isNum(m.executionCount) && isMimeBundle(m.data) && isObj(m.metadata);
    case 'error':
      return isStr(m.id) && isStr(m.cellId) && isStr(m.ename) && isStr(m.evalue) && Array.isArray(m.traceback) && m.traceback.every(isStr) && (m.line === undefined || isNum(m.line)) && (m.column === undefined || isNum(m.column));
    case 'execute_reply':
      return isStr(m.id) && isStr(m.cellId) && ['ok', 'error', 'interrupted'].includes(m.status as string) && isNum(m.durationMs);
    case 'variables':
      return isStr(m.id) && Array.isArray(m.variables) && m.variables.every(isVariableInfo);
    case 'restarted':
      return ['user', 'unresponsive', 'crashed'].includes(m.reason as string) && isStr(m.message);
    default:
      return false;
  }
}

/** Kernel frame → page: FromKernel plus the frame's heartbeat (the page restarts a frame that goes silent). */
export type FrameToPage = FromKernel | { type: 'frame_heartbeat' };

export function isFrameToPage(m: unknown): m is FrameToPage {
  return (isObj(m) && m.type === 'frame_heartbeat') || isFromKernel(m);
}

/** Kernel frame → kernel worker: the page's messages plus the frame's own setup message. */
export type FrameToWorker =
  | ToKernel
  | {
      type: 'init';
      /** One Int32 cell the frame sets to 1 on interrupt (only when crossOriginIsolated). */
      interruptBuffer?: SharedArrayBuffer;
      device: Backend;
      /** The worker's private channel to the frame: everything the kernel says goes there (never self.postMessage, which cells can call too). */
      port: MessagePort;
      /** The notebook page's base URL (an allowed app origin): relative URLs in cells and the weights/ folder resolve against it. */
      appBase?: string;
    };

/** Kernel worker → kernel frame (on the init message's private port): what goes on to the page, a heartbeat while idle, and 'closing' when a cell closes the worker. */
export type WorkerToFrame = FromKernel | { type: 'heartbeat' } | { type: 'closing' };

export function isFrameToWorker(m: unknown): m is FrameToWorker {
  if (isObj(m) && m.type === 'init') {
    return (
      (m.device === 'cpu' || m.device === 'webgpu') &&
      (m.appBase === undefined || typeof m.appBase === 'string') &&
      (m.interruptBuffer === undefined || (typeof SharedArrayBuffer !== 'undefined' && m.interruptBuffer instanceof SharedArrayBuffer)) &&
      typeof MessagePort !== 'undefined' &&
      m.port instanceof MessagePort
    );
  }
  return isToKernel(m);
}

export function isWorkerToFrame(m: unknown): m is WorkerToFrame {
  // Only the frame restarts the kernel: a 'restarted' from the worker is a cell forging it.
  return (isObj(m) && (m.type === 'heartbeat' || m.type === 'closing')) || (isFromKernel(m) && m.type !== 'restarted');
}
