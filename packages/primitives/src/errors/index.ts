export { BaseError, type BaseErrorParameters, type RpcErrorObject, toRpcError } from './base.js'
export {
  IntegerOutOfRangeError,
  InvalidAddressError,
  InvalidHexError,
  InvalidLengthError,
} from './encoding.js'
export { RlpDecodingError, RlpEncodingError } from './rlp.js'
