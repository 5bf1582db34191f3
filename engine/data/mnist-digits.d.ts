declare module 'virtual:mnist-digits' {
  /** URL of the packed MNIST binary (engine/data/mnist-pack.ts), served by scripts/mnist-asset-plugin.ts. */
  const url: string;
  export default url;
}
