// The training-view renderers (issue 5); registered in app/renderers/registry.ts.
export { trainingRenderer } from './TrainingView';
export { progressRenderer } from './ProgressView';
export { plotRenderer } from './PlotView';
