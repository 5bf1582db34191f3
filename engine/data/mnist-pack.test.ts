// The packed MNIST format: split order, exact pixel values (the JSON's 3-decimal byte/255), bad input.
import { describe, expect, it } from 'vitest';
import { packMNIST, unpackMNIST } from './mnist-pack';

// digit d has d + 2 images; image i of digit d has every pixel = round((10 * d + i) / 255, 3 decimals)
const px = (b: number) => Math.round((b / 255) * 1000) / 1000;
const digits = Array.from({ length: 10 }, (_, d) => Array.from({ length: (d + 2) * 784 }, (_, k) => px(10 * d + Math.floor(k / 784))));

describe('packed MNIST', () => {
  it('keeps the per-digit 80/20 split, interleaved by digit, and the exact float32 pixel values', () => {
    const buf = packMNIST(digits, 0.8);
    const train = unpackMNIST(buf, true);
    const test = unpackMNIST(buf.slice().buffer, false);
    // digit d: floor((d + 2) * 0.8) train images
    const cuts = digits.map((_, d) => Math.floor((d + 2) * 0.8));
    expect(train.count).toBe(cuts.reduce((a, b) => a + b, 0));
    expect(test.count).toBe(65 - train.count);
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // test image 0 is digit 0's image cuts[0]; train image 10 is digit 0's image 1 (0.8 * 2 = 1: digit 0 has one)
    expect(test.images[0]).toBe(Math.fround(px(cuts[0])));
    expect(train.labels[10]).toBe(1);
    expect(train.images[10 * 784]).toBe(Math.fround(px(10 + 1)));
    // every decoded pixel is exactly the float32 of the JSON's 3-decimal value
    expect([train, test].every((s) => s.images.every((v) => v === Math.fround(px(Math.round(v * 255)))))).toBe(true);
  });
  it('rejects a file that is not a packed MNIST file', () => {
    expect(() => unpackMNIST(new Uint8Array(20), true)).toThrow(/not in the expected format/);
    expect(() => unpackMNIST(packMNIST(digits, 0.8).subarray(0, 100), true)).toThrow(/expected/);
  });
});
