// Filled in by the nn issue.
export const functional = {};
export {};
