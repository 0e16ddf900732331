// Filled by trieRoot (issue 2).
export {}
