// Datasets (MNIST, thermometer): filled in by the nn issue.
export {};
