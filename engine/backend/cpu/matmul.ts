// CPU matmul kernel: batched C = A·B over equal (already broadcast) batch dims, any strides.
// The blocked GEMM lives in ./gemm; this file walks the batch and registers the kernel.
import { Device } from '../../device';
import { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { gemm } from './gemm';

/** a: [...batch, M, K], b: [...batch, K, N] (same batch shape, any strides) → contiguous [...batch, M, N]. */
registerKernel('matmul', 'cpu', (a: Tensor, b: Tensor): Tensor => {
  const nd = a.ndim;
  const M = a._shape[nd - 2], K = a._shape[nd - 1], N = b._shape[nd - 1];
  const batch = a._shape.slice(0, nd - 2);
  const out = Tensor._empty([...batch, M, N], a.dtype, Device.cpu);
  const C = out._storage.data!;
  const A = { data: a._storage.data!, off: a._offset, rs: a._strides[nd - 2], cs: a._strides[nd - 1] };
  const B = { data: b._storage.data!, off: b._offset, rs: b._strides[nd - 2], cs: b._strides[nd - 1] };
  const nb = batch.reduce((x, y) => x * y, 1);
  const idx = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nb; t++) {
    let ao = a._offset, bo = b._offset;
    for (let d = 0; d < batch.length; d++) {
      ao += idx[d] * a._strides[d];
      bo += idx[d] * b._strides[d];
    }
    A.off = ao;
    B.off = bo;
    gemm(M, N, K, A, B, C, t * M * N, N);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d] < batch[d]) break;
      idx[d] = 0;
    }
  }
  return out;
});
