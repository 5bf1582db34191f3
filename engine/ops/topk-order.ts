// PyTorch's CPU topk (and sort with stable=False) picks its k elements with libstdc++'s algorithms over (value, index) pairs
// compared by value only (aten/src/ATen/native/cpu/SortingKernel.cpp, topk_impl_loop):
// `std::partial_sort` when k * 64 <= n, else `std::nth_element` then `std::sort` of the first k - 1.
// Neither is stable, so among equal values the indices come out in the order those algorithms leave
// them (`torch.tensor([1., 3., 3., 2., 3.]).topk(2)` is indices [2, 4]). They are reproduced here step
// by step, so `output.topk(1)` on tied scores names the index PyTorch names.

type Less = (a: number, b: number) => boolean;

/** The k selected positions of a lane, in PyTorch's order. NaN counts as the largest value, as ATen's. */
export function topkOrder(src: ArrayLike<number | bigint>, n: number, k: number, largest: boolean, sorted: boolean): number[] {
  const q = Array.from({ length: n }, (_, i) => i);
  const v = (i: number) => Number(src[i]);
  const less: Less = largest
    ? (a, b) => (Number.isNaN(v(a)) && !Number.isNaN(v(b))) || v(a) > v(b)
    : (a, b) => (!Number.isNaN(v(a)) && Number.isNaN(v(b))) || v(a) < v(b);
  if (k === 0) return [];
  if (k * 64 <= n) {
    heapSelect(q, 0, k, n, less);
    sortHeap(q, 0, k, less);
  } else {
    introselect(q, 0, k - 1, n, 2 * lg(n), less);
    if (sorted) stdSort(q, 0, k - 1, less);
  }
  return q.slice(0, k);
}

/**
 * The order PyTorch's CPU `sort(stable=False)` (its default, and `argsort`'s) leaves a lane in:
 * libstdc++'s `std::sort` of (value, index) pairs compared by value, NaN last (first when
 * descending) (SortingKernel.cpp, sort_kernel). Lanes of up to 16 elements are insertion-sorted
 * (stable); longer ones leave ties in introsort's order, reproduced here step by step.
 */
export function unstableSortOrder(src: ArrayLike<number | bigint>, n: number, descending: boolean): number[] {
  const q = Array.from({ length: n }, (_, i) => i);
  const v = (i: number) => Number(src[i]);
  const less: Less = descending
    ? (a, b) => (Number.isNaN(v(a)) && !Number.isNaN(v(b))) || v(a) > v(b)
    : (a, b) => (!Number.isNaN(v(a)) && Number.isNaN(v(b))) || v(a) < v(b);
  stdSort(q, 0, n, less);
  return q;
}

/**
 * The position PyTorch's CPU `kthvalue` picks for the `k`-th smallest (0-based) of a lane: its own
 * quickselect over (value, index) pairs, median-of-three pivot, NaN largest (SortingUtils.h,
 * quick_select_template), so among tied values the index is the one that kernel leaves at k.
 */
export function kthOrderIndex(src: ArrayLike<number | bigint>, n: number, k: number): number {
  const q = Array.from({ length: n }, (_, i) => i);
  const v = (i: number) => Number(src[q[i]]);
  const gt = (a: number, b: number) => (Number.isNaN(a) && !Number.isNaN(b)) || a > b;
  let L = 0, R = n - 1;
  for (;;) {
    if (R <= L) break;
    if (R === L + 1) {
      if (gt(v(L), v(R))) swap(q, L, R);
      break;
    }
    const P = L + ((R - L) >> 1);
    swap(q, P, L + 1);
    if (gt(v(L + 1), v(R))) swap(q, L + 1, R);
    if (gt(v(L), v(R))) swap(q, L, R);
    if (gt(v(L + 1), v(L))) swap(q, L + 1, L);
    let i = L + 1, j = R;
    const piv = v(L);
    for (;;) {
      do i++;
      while (gt(piv, v(i)));
      do j--;
      while (gt(v(j), piv));
      if (j < i) break;
      swap(q, i, j);
    }
    swap(q, L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
  return q[k];
}

/**
 * The position PyTorch's CPU `mode` reports for a lane: it `std::sort`s (value, index) pairs by
 * value (`<`: NaN equal to everything there) and, at the end of each run of equal values, keeps the
 * run's last pair if the run is longer than the best so far (TensorCompareKernel.cpp, mode_kernel_impl).
 */
export function modeIndex(src: ArrayLike<number | bigint>, n: number): number {
  const q = Array.from({ length: n }, (_, i) => i);
  const v = (i: number) => Number(src[i]);
  stdSort(q, 0, n, (a, b) => v(a) < v(b));
  let best = 0, bestFreq = 0, freq = 0;
  for (let i = 0; i < n; i++) {
    freq++;
    if (i === n - 1 || v(q[i]) !== v(q[i + 1])) {
      if (freq > bestFreq) {
        best = q[i];
        bestFreq = freq;
      }
      freq = 0;
    }
  }
  return best;
}

const lg = (n: number) => 31 - Math.clz32(n);

function swap(q: number[], i: number, j: number): void {
  const t = q[i];
  q[i] = q[j];
  q[j] = t;
}

function introselect(q: number[], first: number, nth: number, last: number, depth: number, less: Less): void {
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(q, first, nth + 1, last, less);
      swap(q, first, nth);
      return;
    }
    depth--;
    const cut = partitionPivot(q, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(q, first, last, less);
}

function moveMedianToFirst(q: number[], result: number, a: number, b: number, c: number, less: Less): void {
  if (less(q[a], q[b])) {
    if (less(q[b], q[c])) swap(q, result, b);
    else if (less(q[a], q[c])) swap(q, result, c);
    else swap(q, result, a);
  } else if (less(q[a], q[c])) swap(q, result, a);
  else if (less(q[b], q[c])) swap(q, result, c);
  else swap(q, result, b);
}

function partitionPivot(q: number[], first: number, last: number, less: Less): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(q, first, first + 1, mid, last - 1, less);
  // __unguarded_partition(first + 1, last, pivot = first)
  let lo = first + 1, hi = last;
  for (;;) {
    while (less(q[lo], q[first])) lo++;
    hi--;
    while (less(q[first], q[hi])) hi--;
    if (!(lo < hi)) return lo;
    swap(q, lo, hi);
    lo++;
  }
}

function linearInsert(q: number[], i: number, less: Less): void {
  const val = q[i];
  let j = i - 1;
  while (less(val, q[j])) {
    q[j + 1] = q[j];
    j--;
  }
  q[j + 1] = val;
}

function insertionSort(q: number[], first: number, last: number, less: Less): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (less(q[i], q[first])) {
      const val = q[i];
      for (let j = i; j > first; j--) q[j] = q[j - 1];
      q[first] = val;
    } else linearInsert(q, i, less);
  }
}

function stdSort(q: number[], first: number, last: number, less: Less): void {
  if (last - first < 2) return;
  introsortLoop(q, first, last, 2 * lg(last - first), less);
  if (last - first > 16) {
    insertionSort(q, first, first + 16, less);
    for (let i = first + 16; i < last; i++) linearInsert(q, i, less);
  } else insertionSort(q, first, last, less);
}

function introsortLoop(q: number[], first: number, last: number, depth: number, less: Less): void {
  while (last - first > 16) {
    if (depth === 0) {
      heapSelect(q, first, last, last, less);
      sortHeap(q, first, last, less);
      return;
    }
    depth--;
    const cut = partitionPivot(q, first, last, less);
    introsortLoop(q, cut, last, depth, less);
    last = cut;
  }
}

// ---- libstdc++'s heap (std::make_heap / __adjust_heap / __pop_heap), relative to `first` ----------
function adjustHeap(q: number[], first: number, hole: number, len: number, value: number, less: Less): void {
  const top = hole;
  let child = hole;
  while (child < ((len - 1) >> 1)) {
    child = 2 * (child + 1);
    if (less(q[first + child], q[first + child - 1])) child--;
    q[first + hole] = q[first + child];
    hole = child;
  }
  if ((len & 1) === 0 && child === ((len - 2) >> 1)) {
    child = 2 * (child + 1);
    q[first + hole] = q[first + child - 1];
    hole = child - 1;
  }
  let parent = (hole - 1) >> 1;
  while (hole > top && less(q[first + parent], value)) {
    q[first + hole] = q[first + parent];
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  q[first + hole] = value;
}

function makeHeap(q: number[], first: number, last: number, less: Less): void {
  const len = last - first;
  if (len < 2) return;
  for (let parent = (len - 2) >> 1; ; parent--) {
    adjustHeap(q, first, parent, len, q[first + parent], less);
    if (parent === 0) return;
  }
}

function popHeap(q: number[], first: number, last: number, result: number, less: Less): void {
  const value = q[result];
  q[result] = q[first];
  adjustHeap(q, first, 0, last - first, value, less);
}

function heapSelect(q: number[], first: number, middle: number, last: number, less: Less): void {
  makeHeap(q, first, middle, less);
  for (let i = middle; i < last; i++) if (less(q[i], q[first])) popHeap(q, first, middle, i, less);
}

function sortHeap(q: number[], first: number, last: number, less: Less): void {
  while (last - first > 1) {
    last--;
    popHeap(q, first, last, last, less);
  }
}
