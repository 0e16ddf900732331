export {
  authorizationSigningHash,
  recoverAuthority,
  signAuthorization,
  type UnsignedAuthorization,
} from './authorization.js'
export { decodeTransaction, decodeTransactionFromBlockItem } from './decode-transaction.js'
export { encodeTransaction } from './encode-transaction.js'
export {
  InitcodeSizeExceededError,
  IntrinsicGasTooLowError,
  InvalidTransactionError,
  InvalidTransactionSignatureError,
  TipAboveFeeCapError,
  TransactionChainIdMismatchError,
  TransactionDecodingError,
  TransactionFieldOutOfRangeError,
  TransactionNotSignableError,
  TransactionShapeError,
  TransactionTypeNotSupportedError,
} from './errors.js'
export { floorDataGas, type IntrinsicGasParameters, intrinsicGas } from './intrinsic-gas.js'
export { recoverSender } from './recover-sender.js'
export { signTransaction } from './sign-transaction.js'
export { signingHash } from './signing-hash.js'
export { toUnsigned } from './to-unsigned.js'
export { transactionHash } from './transaction-hash.js'
export { type ValidateTransactionOptions, validateTransaction } from './validate-transaction.js'
