import type { Address, Hex } from 'viem'
import { recoverAddress, SECP256K1_N_HALF, signHash } from '../crypto/secp256k1.js'
import { hexToBytes } from '../encoding/hex.js'
import { keccak256 } from '../hash/keccak.js'
import { rlpEncode } from '../rlp/rlp.js'
import type { Authorization } from '../types/transaction.js'
import { typedEnvelope } from './encode-transaction.js'

/** The unsigned part of an EIP-7702 authorization. */
export type UnsignedAuthorization = Pick<Authorization, 'chainId' | 'address' | 'nonce'>

/** EIP-7702 MAGIC prefix of the authorization signing payload. */
const SET_CODE_MAGIC = 0x05

/**
 * keccak256(0x05 || rlp([chainId, address, nonce])) — the hash an EIP-7702 authority signs.
 *
 * @example authorizationSigningHash({ chainId: 1n, address: '0x…', nonce: 0n })
 */
export function authorizationSigningHash(auth: UnsignedAuthorization): Uint8Array {
  return keccak256(
    typedEnvelope(SET_CODE_MAGIC, rlpEncode([auth.chainId, hexToBytes(auth.address), auth.nonce])),
  )
}

/**
 * Signs an EIP-7702 authorization (low-s) and returns the full tuple.
 * @throws InvalidPrivateKeyError
 *
 * @example signAuthorization({ chainId: 0n, address: delegate, nonce: 3n }, privateKey)
 */
export function signAuthorization(auth: UnsignedAuthorization, privateKey: Hex): Authorization {
  const { r, s, yParity } = signHash(authorizationSigningHash(auth), privateKey)
  return { chainId: auth.chainId, address: auth.address, nonce: auth.nonce, yParity, r, s }
}

/**
 * The authority (signer) of an EIP-7702 authorization, or undefined when the signature is invalid:
 * yParity not 0/1, r or s outside [1, n), s > n/2, or no recoverable key. Chain id and nonce checks
 * against state are the VM's job. Never throws on bad signatures.
 *
 * @example recoverAuthority(tx.authorizationList[0]) // '0x…' | undefined
 */
export function recoverAuthority(auth: Authorization): Address | undefined {
  if (auth.s > SECP256K1_N_HALF) return undefined
  if (auth.yParity !== 0 && auth.yParity !== 1) return undefined
  return recoverAddress(authorizationSigningHash(auth), auth.yParity, auth.r, auth.s)
}
