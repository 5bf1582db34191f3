// `range()` in cells: Python's range, lazy and iterable, checking for interrupts while iterating.

/** Python's `range`: lazy, iterable, checks for interrupts while iterating. */
export class Range implements Iterable<number> {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
    private readonly check: () => void,
  ) {
    if (step === 0) throw new RangeError('range() arg 3 must not be zero');
  }
  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = this.start; this.step > 0 ? i < this.stop : i > this.stop; i += this.step) {
      this.check();
      yield i;
    }
  }
  toArray(): number[] {
    return [...this];
  }
  map<T>(fn: (v: number, i: number) => T): T[] {
    return this.toArray().map(fn);
  }
  forEach(fn: (v: number, i: number) => void): void {
    this.toArray().forEach(fn);
  }
  includes(v: number): boolean {
    return this.toArray().includes(v);
  }
  toString(): string {
    return this.step === 1 ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
}
