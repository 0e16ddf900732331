import fc from 'fast-check'
import { signAuthorization as viemSignAuthorization } from 'viem/accounts'
import { hashAuthorization, recoverAuthorizationAddress } from 'viem/utils'
import { describe, expect, it } from 'vitest'
import { privateKeyToAddress, SECP256K1_N } from '../crypto/secp256k1.js'
import { bytesToHex } from '../encoding/hex.js'
import { authorizationSigningHash, recoverAuthority, signAuthorization } from './authorization.js'

const KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8'
const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b) as `0x${string}`)
const unsigned = fc.record({
  chainId: fc.integer({ min: 0, max: 2 ** 40 }),
  address,
  nonce: fc.integer({ min: 0, max: 2 ** 40 }),
})

describe('EIP-7702 authorizations', () => {
  it('hash and sign exactly as viem does, and recover the signer', async () => {
    await fc.assert(
      fc.asyncProperty(unsigned, async (u) => {
        const ours = { chainId: BigInt(u.chainId), address: u.address, nonce: BigInt(u.nonce) }
        expect(bytesToHex(authorizationSigningHash(ours))).toBe(hashAuthorization(u))
        const signed = signAuthorization(ours, KEY)
        const reference = await viemSignAuthorization({ ...u, privateKey: KEY })
        expect(signed.r).toBe(BigInt(reference.r))
        expect(signed.s).toBe(BigInt(reference.s))
        expect(signed.yParity).toBe(reference.yParity)
        const authority = recoverAuthority(signed)
        expect(authority).toBe(
          (await recoverAuthorizationAddress({ authorization: reference })).toLowerCase(),
        )
        expect(authority).toBe(privateKeyToAddress(KEY))
      }),
      { numRuns: 40 },
    )
  })

  it('returns undefined for invalid signatures: high s, yParity > 1, r/s out of range', () => {
    const signed = signAuthorization({ chainId: 1n, address: `0x${'42'.repeat(20)}`, nonce: 0n }, KEY)
    expect(recoverAuthority(signed)).toMatch(/^0x[0-9a-f]{40}$/)
    expect(
      recoverAuthority({ ...signed, s: SECP256K1_N - signed.s, yParity: 1 - signed.yParity }),
    ).toBeUndefined()
    expect(recoverAuthority({ ...signed, yParity: 2 })).toBeUndefined()
    expect(recoverAuthority({ ...signed, yParity: 27 })).toBeUndefined()
    expect(recoverAuthority({ ...signed, r: 0n })).toBeUndefined()
    expect(recoverAuthority({ ...signed, s: 0n })).toBeUndefined()
    expect(recoverAuthority({ ...signed, r: SECP256K1_N })).toBeUndefined()
    // A different message recovers some other key (or none), never the signer.
    expect(recoverAuthority({ ...signed, nonce: 1n })).not.toBe(recoverAuthority(signed))
  })
})
