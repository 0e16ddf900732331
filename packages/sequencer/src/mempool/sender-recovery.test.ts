import {
  encodeTransaction,
  type Hex,
  hexToBytes,
  privateKeyToAddress,
  signTransaction,
  transactionHash,
} from '@metis-sdk/primitives'
import { expect, it } from 'vitest'
import { SenderRecovery } from './sender-recovery.js'

it('recovers the senders of a batch in order, null for undecodable input', async () => {
  const keys = Array.from({ length: 10 }, (_, i) => `0x${(i + 1).toString(16).padStart(64, '0')}` as Hex)
  const raws = keys.map((k, i) =>
    encodeTransaction(
      signTransaction(
        {
          type: 2,
          chainId: 1n,
          nonce: BigInt(i),
          maxFeePerGas: 2n,
          maxPriorityFeePerGas: 1n,
          gasLimit: 21_000n,
          to: null,
          value: 0n,
          data: new Uint8Array(),
          accessList: [],
        },
        k,
      ),
    ),
  )
  const recovery = new SenderRecovery()
  const senders = await recovery.recoverMany([...raws, hexToBytes('0xdeadbeef')])
  expect(senders.slice(0, 10)).toEqual(keys.map((k) => privateKeyToAddress(k).toLowerCase()))
  expect(senders[10]).toBeNull()
  await recovery.close()
})

it('recovers one transaction with its hash, and explains a failure', async () => {
  const key = `0x${'07'.repeat(32)}` as Hex
  const tx = signTransaction(
    {
      type: 2,
      chainId: 1n,
      nonce: 0n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 21_000n,
      to: null,
      value: 0n,
      data: new Uint8Array(),
      accessList: [],
    },
    key,
  )
  const recovery = new SenderRecovery(2)
  const one = await recovery.recover(encodeTransaction(tx))
  expect(one).toEqual({ sender: privateKeyToAddress(key).toLowerCase(), hash: transactionHash(tx) })
  await expect(recovery.recover(hexToBytes('0xdeadbeef'))).rejects.toThrow(Error)
  const all = await recovery.recoverAll([encodeTransaction(tx), hexToBytes('0x01')])
  expect(all).toEqual([one, null])
  await recovery.close()
})

it('recoverEach settles every transaction of a long batch with its sender and hash (legacy, 2930, 1559)', async () => {
  const key = `0x${'09'.repeat(32)}` as Hex
  const sender = privateKeyToAddress(key).toLowerCase()
  const common = { chainId: 1n, gasLimit: 21_000n, to: null, value: 0n, data: new Uint8Array([1, 2]) }
  const txs = Array.from({ length: 100 }, (_, i) => {
    const nonce = BigInt(i)
    if (i % 3 === 0) return signTransaction({ ...common, type: 0, nonce, gasPrice: 3n }, key)
    if (i % 3 === 1) return signTransaction({ ...common, type: 1, nonce, gasPrice: 3n, accessList: [] }, key)
    return signTransaction(
      { ...common, type: 2, nonce, maxFeePerGas: 3n, maxPriorityFeePerGas: 1n, accessList: [] },
      key,
    )
  })
  const raws = txs.map((tx) => encodeTransaction(tx))
  raws[57] = hexToBytes('0x02c0')
  const recovery = new SenderRecovery(1)
  const each = await Promise.all(recovery.recoverEach(raws, 8))
  expect(each).toHaveLength(100)
  for (let i = 0; i < 100; i++)
    expect(each[i]).toEqual(i === 57 ? null : { sender, hash: transactionHash(txs[i]!) })
  await recovery.close()
})
