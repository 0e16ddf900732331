export { type RlpInput, type RlpItem, rlpDecode, rlpDecodePrefix, rlpEncode } from './rlp.js'
