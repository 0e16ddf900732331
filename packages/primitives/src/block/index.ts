// Filled by the block header / receipt codecs (issue 2).
export {}
