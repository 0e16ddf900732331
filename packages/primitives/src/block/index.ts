export { type Block, decodeBlock, encodeBlock, transactionsRoot } from './block.js'
export { BLOOM_BYTES, bloomAdd, bloomContains, bloomOr, logsBloom } from './bloom.js'
export { decodeHeader } from './decode-header.js'
export { encodeHeader } from './encode-header.js'
export {
  InvalidBlockError,
  InvalidHeaderError,
  InvalidReceiptError,
  InvalidWithdrawalError,
} from './errors.js'
export type { BlockHeader } from './header.js'
export { headerHash } from './header-hash.js'
export { decodeReceipt, encodeReceipt, receiptsRoot } from './receipt.js'
export { decodeWithdrawal, encodeWithdrawal, withdrawalsRoot } from './withdrawal.js'
