// Filled in by the nn/optim/models issue.
export {};
