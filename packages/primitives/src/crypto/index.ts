export { InvalidMessageHashError, InvalidPrivateKeyError } from './errors.js'
export {
  privateKeyToAddress,
  publicKeyToAddress,
  type RecoverableSignature,
  recoverAddress,
  recoverPublicKey,
  SECP256K1_N,
  SECP256K1_N_HALF,
  type Secp256k1BackendName,
  secp256k1BackendName,
  signHash,
  useSecp256k1Backend,
} from './secp256k1.js'
