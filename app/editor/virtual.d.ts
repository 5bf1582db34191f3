declare module 'virtual:engine-dts' {
  /** The engine's declaration files, keyed by their path relative to engine/. */
  export const files: Record<string, string>;
}
