// The numerical kernels behind torch.linalg's decompositions, on one row-major float64 matrix at a
// time (the ops in linalg-decomp.ts / linalg-solvers.ts loop over a batch). CPU only. QR follows
// LAPACK's Householder convention (dgeqrf/dlarfg: R's diagonal is -sign(a_jj)·‖x‖, no reflection
// for an already-zero column) so Q and R equal PyTorch's, signs included; eigh (cyclic Jacobi)
// and svd (one-sided Jacobi) are accurate to float64 rounding, but their vectors' signs are
// arbitrary, as LAPACK's are (PyTorch documents them as unique only up to sign).

/** The Cholesky factor of the lower (or, `upper`, upper) triangle: L (n×n, lower), or the first failing minor (1-based). */
export function choleskyLower(a: Float64Array, n: number, upper: boolean): { L: Float64Array; failAt: number } {
  const L = new Float64Array(n * n);
  const at = (i: number, j: number) => (upper ? a[j * n + i] : a[i * n + j]);
  for (let j = 0; j < n; j++) {
    let d = at(j, j);
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0)) return { L, failAt: j + 1 };
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = at(i, j);
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return { L, failAt: 0 };
}

/**
 * Householder QR of an m×n matrix as LAPACK's dgeqrf + dorgqr: R (rows×n, upper) and Q (m×qcols)
 * with qcols = min(m, n) (reduced) or m (complete).
 */
export function householderQR(a0: Float64Array, m: number, n: number, complete: boolean): { Q: Float64Array; R: Float64Array; qcols: number } {
  const a = Float64Array.from(a0);
  const k = Math.min(m, n);
  const vs: Float64Array[] = [];
  const taus: number[] = [];
  for (let j = 0; j < k; j++) {
    const alpha = a[j * n + j];
    let xnorm = 0;
    for (let i = j + 1; i < m; i++) xnorm = Math.hypot(xnorm, a[i * n + j]);
    const v = new Float64Array(m - j);
    v[0] = 1;
    if (xnorm === 0) {
      taus.push(0);
      vs.push(v);
      continue;
    }
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
    const tau = (beta - alpha) / beta;
    for (let i = j + 1; i < m; i++) v[i - j] = a[i * n + j] / (alpha - beta);
    a[j * n + j] = beta;
    for (let i = j + 1; i < m; i++) a[i * n + j] = 0;
    // apply H = I - tau v vᵀ to the columns right of j
    for (let c = j + 1; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i - j] * a[i * n + c];
      s *= tau;
      for (let i = j; i < m; i++) a[i * n + c] -= s * v[i - j];
    }
    taus.push(tau);
    vs.push(v);
  }
  const qcols = complete ? m : k;
  const rows = complete ? m : k;
  const R = new Float64Array(rows * n);
  for (let i = 0; i < Math.min(rows, m); i++) for (let j = i; j < n; j++) R[i * n + j] = a[i * n + j];
  // Q = H_0 H_1 … H_{k-1} applied to the first qcols columns of the identity (backwards, as dorgqr)
  const Q = new Float64Array(m * qcols);
  for (let i = 0; i < qcols; i++) Q[i * qcols + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = vs[j], tau = taus[j];
    if (tau === 0) continue;
    for (let c = 0; c < qcols; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i - j] * Q[i * qcols + c];
      s *= tau;
      for (let i = j; i < m; i++) Q[i * qcols + c] -= s * v[i - j];
    }
  }
  return { Q, R, qcols };
}

/** Eigenvalues (ascending) and eigenvectors (columns of V, n×n) of the symmetric matrix from a's lower (or upper) triangle: cyclic Jacobi. */
export function symmetricEigen(a0: Float64Array, n: number, upper: boolean): { w: Float64Array; V: Float64Array } {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = upper ? a0[j * n + i] : a0[i * n + j];
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, total = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = a[i * n + j] * a[i * n + j];
        total += x;
        if (i !== j) off += x;
      }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p], vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i * n + i] - a[j * n + j]);
  const w = Float64Array.from(order, (i) => a[i * n + i]);
  const Vs = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) Vs[r * n + c] = V[r * n + order[c]];
  return { w, V: Vs };
}

/** Completes the first `have` orthonormal columns of an m×cols matrix (row-major) to `cols` orthonormal columns. */
function completeBasis(U: Float64Array, m: number, cols: number, filled: boolean[]): void {
  let e = 0;
  for (let c = 0; c < cols; c++) {
    if (filled[c]) continue;
    for (; e < m; e++) {
      const v = new Float64Array(m);
      v[e] = 1;
      // twice Gram-Schmidt against every filled column, for orthogonality to rounding
      for (let pass = 0; pass < 2; pass++)
        for (let d = 0; d < cols; d++) {
          if (!filled[d]) continue;
          let s = 0;
          for (let i = 0; i < m; i++) s += U[i * cols + d] * v[i];
          for (let i = 0; i < m; i++) v[i] -= s * U[i * cols + d];
        }
      let nrm = 0;
      for (let i = 0; i < m; i++) nrm += v[i] * v[i];
      nrm = Math.sqrt(nrm);
      if (nrm < 1e-8) continue;
      for (let i = 0; i < m; i++) U[i * cols + c] = v[i] / nrm;
      filled[c] = true;
      e++;
      break;
    }
  }
}

/**
 * SVD of an m×n matrix: U (m×ucols), S (min(m, n), descending), Vh (vrows×n); `full` gives square
 * U and Vh. One-sided Jacobi on the taller orientation.
 */
export function svdJacobi(a0: Float64Array, m: number, n: number, full: boolean): { U: Float64Array; S: Float64Array; Vh: Float64Array; ucols: number; vrows: number } {
  if (m < n) {
    // A = U S Vh  ⇔  Aᵀ = V S Uᵀ
    const t = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a0[i * n + j];
    const r = svdJacobi(t, n, m, full);
    // r.U is n×r.ucols (= V), r.Vh is r.vrows×m (= Uᵀ)
    const U = new Float64Array(m * r.vrows), Vh = new Float64Array(r.ucols * n);
    for (let i = 0; i < r.vrows; i++) for (let j = 0; j < m; j++) U[j * r.vrows + i] = r.Vh[i * m + j];
    for (let i = 0; i < n; i++) for (let j = 0; j < r.ucols; j++) Vh[j * n + i] = r.U[i * r.ucols + j];
    return { U, S: r.S, Vh, ucols: r.vrows, vrows: r.ucols };
  }
  // m ≥ n: rotate the columns of W = A (m×n) until orthogonal, accumulating V
  const W = Float64Array.from(a0);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = W[i * n + p], y = W[i * n + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), s = c * t;
        for (let i = 0; i < m; i++) {
          const x = W[i * n + p], y = W[i * n + q];
          W[i * n + p] = c * x - s * y;
          W[i * n + q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = V[i * n + p], y = V[i * n + q];
          V[i * n + p] = c * x - s * y;
          V[i * n + q] = s * x + c * y;
        }
      }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += W[i * n + j] * W[i * n + j];
    return Math.sqrt(s);
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => norms[j] - norms[i]);
  const S = Float64Array.from(order, (j) => norms[j]);
  const ucols = full ? m : n;
  const U = new Float64Array(m * ucols);
  const filled = new Array<boolean>(ucols).fill(false);
  const tiny = (S[0] || 0) * 1e-13;
  order.forEach((j, c) => {
    if (!(norms[j] > tiny) || norms[j] === 0) return;
    for (let i = 0; i < m; i++) U[i * ucols + c] = W[i * n + j] / norms[j];
    filled[c] = true;
  });
  completeBasis(U, m, ucols, filled);
  const Vh = new Float64Array(n * n);
  order.forEach((j, r) => {
    for (let i = 0; i < n; i++) Vh[r * n + i] = V[i * n + j];
  });
  return { U, S, Vh, ucols, vrows: n };
}
