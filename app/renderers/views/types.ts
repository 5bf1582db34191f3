// The JSON shapes of the training-view MIME types, as the kernel sends them (app/kernel/views).
export interface Hist {
  lo: number;
  hi: number;
  counts: number[];
  mean: number | null;
  std: number | null;
  norm: number | null;
  min: number | null;
  max: number | null;
  zeros: number;
  nonfinite: number;
  n: number;
}

export interface TrainingParam {
  name: string;
  shape: number[];
  numel: number;
  requires_grad: boolean;
  grads: (Hist | null)[];
  weights: (Hist | null)[];
  hint: 'vanishing' | 'exploding' | 'nonfinite' | null;
}

export interface TrainingData {
  title: string;
  bins: number;
  epochs: number[];
  metrics: Record<string, (number | null)[]>;
  hist_epochs: number[];
  params: TrainingParam[];
  total_epochs: number;
  done: boolean;
  elapsed_s: number;
}

export interface ProgressData {
  desc: string;
  n: number;
  total: number | null;
  elapsed_s: number;
  rate: number | null;
  eta_s: number | null;
  done: boolean;
  postfix: Record<string, string>;
}

export interface PlotSeries {
  kind: 'line' | 'scatter' | 'hist';
  label: string;
  x: (number | null)[];
  y: (number | null)[];
}

export interface PlotData {
  title: string;
  xlabel: string;
  ylabel: string;
  series: PlotSeries[];
}
