declare module 'virtual:mnist-digits' {
  /** URLs of the packed MNIST binary's parts, in order (engine/data/mnist-pack.ts), from scripts/mnist-asset-plugin.ts. */
  const urls: string[];
  export default urls;
}
