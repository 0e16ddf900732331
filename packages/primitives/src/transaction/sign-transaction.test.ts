import fc from 'fast-check'
import { keccak256, parseTransaction, recoverTransactionAddress, type TransactionSerializable } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../encoding/hex.js'
import type { Transaction, UnsignedTransaction } from '../types/transaction.js'
import { decodeTransaction } from './decode-transaction.js'
import { encodeTransaction } from './encode-transaction.js'
import { InvalidTransactionSignatureError, TransactionNotSignableError } from './errors.js'
import { recoverSender } from './recover-sender.js'
import { signTransaction } from './sign-transaction.js'
import { signingHash } from './signing-hash.js'
import { toUnsigned } from './to-unsigned.js'
import { transactionHash } from './transaction-hash.js'

const KEYS = [
  '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
  '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8',
  '0x0000000000000000000000000000000000000000000000000000000000000001',
] as const

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b) as `0x${string}`)
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHex(b) as `0x${string}`)
const accessList = fc.array(fc.record({ address, storageKeys: fc.array(hash, { maxLength: 2 }) }), {
  maxLength: 2,
})
const common = {
  chainId: fc.integer({ min: 1, max: 2 ** 32 }),
  nonce: fc.integer({ min: 0, max: 2 ** 40 }),
  gas: fc.bigInt({ min: 21000n, max: 30_000_000n }),
  value: fc.bigInt({ min: 0n, max: 2n ** 128n }),
  data: fc.uint8Array({ maxLength: 64 }),
}
const fees = fc
  .tuple(fc.bigInt({ min: 0n, max: 2n ** 64n }), fc.bigInt({ min: 0n, max: 2n ** 64n }))
  .map(([a, b]) => (a <= b ? { tip: a, cap: b } : { tip: b, cap: a }))

type Pair = { ours: UnsignedTransaction; viem: TransactionSerializable }

const pair = fc.oneof(
  fc
    .record({
      ...common,
      to: fc.option(address, { nil: null }),
      gasPrice: fc.bigInt({ min: 0n, max: 2n ** 64n }),
      eip155: fc.boolean(),
    })
    .map(
      (t): Pair => ({
        ours: {
          type: 0,
          nonce: BigInt(t.nonce),
          gasPrice: t.gasPrice,
          gasLimit: t.gas,
          to: t.to,
          value: t.value,
          data: t.data,
          ...(t.eip155 ? { chainId: BigInt(t.chainId) } : {}),
        },
        viem: {
          type: 'legacy',
          nonce: t.nonce,
          gasPrice: t.gasPrice,
          gas: t.gas,
          to: t.to,
          value: t.value,
          data: bytesToHex(t.data),
          ...(t.eip155 ? { chainId: t.chainId } : {}),
        },
      }),
    ),
  fc
    .record({
      ...common,
      to: fc.option(address, { nil: null }),
      gasPrice: fc.bigInt({ min: 0n, max: 2n ** 64n }),
      accessList,
    })
    .map(
      (t): Pair => ({
        ours: {
          type: 1,
          chainId: BigInt(t.chainId),
          nonce: BigInt(t.nonce),
          gasPrice: t.gasPrice,
          gasLimit: t.gas,
          to: t.to,
          value: t.value,
          data: t.data,
          accessList: t.accessList,
        },
        viem: { type: 'eip2930', ...t, data: bytesToHex(t.data) },
      }),
    ),
  fc.record({ ...common, to: fc.option(address, { nil: null }), fees, accessList }).map(
    (t): Pair => ({
      ours: {
        type: 2,
        chainId: BigInt(t.chainId),
        nonce: BigInt(t.nonce),
        maxPriorityFeePerGas: t.fees.tip,
        maxFeePerGas: t.fees.cap,
        gasLimit: t.gas,
        to: t.to,
        value: t.value,
        data: t.data,
        accessList: t.accessList,
      },
      viem: {
        type: 'eip1559',
        chainId: t.chainId,
        nonce: t.nonce,
        maxPriorityFeePerGas: t.fees.tip,
        maxFeePerGas: t.fees.cap,
        gas: t.gas,
        to: t.to,
        value: t.value,
        data: bytesToHex(t.data),
        accessList: t.accessList,
      },
    }),
  ),
  fc
    .record({
      ...common,
      to: address,
      fees,
      accessList,
      maxFeePerBlobGas: fc.bigInt({ min: 1n, max: 2n ** 64n }),
      blobVersionedHashes: fc.array(
        hash.map((h) => `0x01${h.slice(4)}` as `0x${string}`),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(
      (t): Pair => ({
        ours: {
          type: 3,
          chainId: BigInt(t.chainId),
          nonce: BigInt(t.nonce),
          maxPriorityFeePerGas: t.fees.tip,
          maxFeePerGas: t.fees.cap,
          gasLimit: t.gas,
          to: t.to,
          value: t.value,
          data: t.data,
          accessList: t.accessList,
          maxFeePerBlobGas: t.maxFeePerBlobGas,
          blobVersionedHashes: t.blobVersionedHashes,
        },
        viem: {
          type: 'eip4844',
          chainId: t.chainId,
          nonce: t.nonce,
          maxPriorityFeePerGas: t.fees.tip,
          maxFeePerGas: t.fees.cap,
          gas: t.gas,
          to: t.to,
          value: t.value,
          data: bytesToHex(t.data),
          accessList: t.accessList,
          maxFeePerBlobGas: t.maxFeePerBlobGas,
          blobVersionedHashes: t.blobVersionedHashes,
        },
      }),
    ),
  fc
    .record({
      ...common,
      to: address,
      fees,
      accessList,
      auths: fc.array(
        fc.record({
          chainId: fc.integer({ min: 0, max: 2 ** 32 }),
          address,
          nonce: fc.integer({ min: 0, max: 2 ** 40 }),
          yParity: fc.integer({ min: 0, max: 1 }),
          r: fc.bigInt({ min: 1n, max: 2n ** 256n - 1n }),
          s: fc.bigInt({ min: 1n, max: 2n ** 256n - 1n }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map(
      (t): Pair => ({
        ours: {
          type: 4,
          chainId: BigInt(t.chainId),
          nonce: BigInt(t.nonce),
          maxPriorityFeePerGas: t.fees.tip,
          maxFeePerGas: t.fees.cap,
          gasLimit: t.gas,
          to: t.to,
          value: t.value,
          data: t.data,
          accessList: t.accessList,
          authorizationList: t.auths.map((a) => ({
            ...a,
            chainId: BigInt(a.chainId),
            nonce: BigInt(a.nonce),
          })),
        },
        viem: {
          type: 'eip7702',
          chainId: t.chainId,
          nonce: t.nonce,
          maxPriorityFeePerGas: t.fees.tip,
          maxFeePerGas: t.fees.cap,
          gas: t.gas,
          to: t.to,
          value: t.value,
          data: bytesToHex(t.data),
          accessList: t.accessList,
          authorizationList: t.auths.map((a) => ({
            address: a.address,
            chainId: a.chainId,
            nonce: a.nonce,
            yParity: a.yParity,
            r: `0x${a.r.toString(16).padStart(64, '0')}` as `0x${string}`,
            s: `0x${a.s.toString(16).padStart(64, '0')}` as `0x${string}`,
          })),
        },
      }),
    ),
)

describe('signTransaction / transactionHash / recoverSender', () => {
  it('produces byte-identical signed transactions and hashes to viem (independent reference)', async () => {
    await fc.assert(
      fc.asyncProperty(pair, fc.constantFrom(...KEYS), async ({ ours, viem }, key) => {
        const account = privateKeyToAccount(key)
        const signed = signTransaction(ours, key)
        const raw = bytesToHex(encodeTransaction(signed))
        const reference = await account.signTransaction(viem)
        expect(raw).toBe(reference)
        expect(transactionHash(signed)).toBe(keccak256(reference))
        const decoded = decodeTransaction(raw)
        expect(recoverSender(decoded)).toBe(account.address.toLowerCase())
        expect(await recoverTransactionAddress({ serializedTransaction: reference as never })).toBe(
          account.address,
        )
        expect(parseTransaction(reference).type).toBeDefined()
        expect(toUnsigned(decoded)).toEqual(ours)
        expect(signingHash(toUnsigned(decoded))).toEqual(signingHash(decoded))
      }),
      { numRuns: 120 },
    )
  })

  it('signs legacy transactions with v = 27/28 or chainId*2+35/36 (EIP-155)', () => {
    const base = {
      type: 0 as const,
      nonce: 9n,
      gasPrice: 20_000_000_000n,
      gasLimit: 21000n,
      to: '0x3535353535353535353535353535353535353535' as const,
      value: 10n ** 18n,
      data: new Uint8Array(),
    }
    // The EIP-155 specification example.
    const eip155 = signTransaction(
      { ...base, chainId: 1n },
      '0x4646464646464646464646464646464646464646464646464646464646464646',
    )
    expect(bytesToHex(encodeTransaction(eip155))).toBe(
      '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83',
    )
    expect(recoverSender(eip155)).toBe('0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f')
    const unprotected = signTransaction(base, KEYS[0]) as Extract<Transaction, { type: 0 }>
    expect([27n, 28n]).toContain(unprotected.v)
    expect(recoverSender(unprotected)).toBe('0x2c7536e3605d9c16a7a3d7b1898e529396a65c23')
  })

  it('reports bad signatures with a typed error', () => {
    const signed = signTransaction(
      { type: 0, nonce: 0n, gasPrice: 1n, gasLimit: 21000n, to: null, value: 0n, data: new Uint8Array() },
      KEYS[0],
    ) as Extract<Transaction, { type: 0 }>
    for (const bad of [
      { v: 29n },
      { v: 0n },
      { r: 0n },
      { s: 0n },
      { r: 2n ** 256n - 1n },
      { v: 37n, chainId: 5n },
    ])
      expect(() => recoverSender({ ...signed, ...bad })).toThrow(InvalidTransactionSignatureError)
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        (r, s) => {
          try {
            expect(recoverSender({ ...signed, r, s })).toMatch(/^0x[0-9a-f]{40}$/)
          } catch (err) {
            expect(err).toBeInstanceOf(InvalidTransactionSignatureError)
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('treats deposit transactions as unsigned with a given sender', () => {
    const deposit: Transaction = {
      type: 0x7e,
      sourceHash: `0x${'ab'.repeat(32)}`,
      from: '0x1111111111111111111111111111111111111111',
      to: null,
      mint: 5n,
      value: 1n,
      gasLimit: 100_000n,
      isSystemTx: false,
      data: new Uint8Array([1, 2]),
    }
    expect(recoverSender(deposit)).toBe(deposit.from)
    expect(() => signingHash(deposit as never)).toThrow(TransactionNotSignableError)
    expect(() => toUnsigned(deposit)).toThrow(TransactionNotSignableError)
    const raw = encodeTransaction(deposit)
    expect(raw[0]).toBe(0x7e)
    expect(transactionHash(deposit)).toBe(keccak256(raw))
  })
})
