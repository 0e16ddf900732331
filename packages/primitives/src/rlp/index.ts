export { rlpEncode, rlpDecode, rlpDecodePrefix, type RlpInput, type RlpItem } from './rlp.js'
