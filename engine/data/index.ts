// utils.data: TensorDataset, DataLoader: filled in by the nn issue.
export {};
