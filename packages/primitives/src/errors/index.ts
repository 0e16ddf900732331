export { BaseError, toRpcError, type BaseErrorParameters, type RpcErrorObject } from './base.js'
export { InvalidHexError, InvalidLengthError, InvalidAddressError, IntegerOutOfRangeError } from './encoding.js'
export { RlpDecodingError, RlpEncodingError } from './rlp.js'
