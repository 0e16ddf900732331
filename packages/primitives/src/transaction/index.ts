// Filled by the transaction codec (issue 2).
export {}
