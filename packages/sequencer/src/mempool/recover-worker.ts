// Worker thread of SenderRecovery: decodes raw transactions and recovers their senders and hashes, so the
// main thread (JSON-RPC, mempool, block production) does not spend ~0.2 ms per transaction on it.
// A request is one packed buffer of raw transactions and their end offsets.
import { parentPort } from 'node:worker_threads'
import { decodeTransaction, recoverSender, transactionHash, useFastKeccak256 } from '@metis-sdk/primitives'

// Same results as the default keccak, faster (tx hashes and signing hashes of every request).
void useFastKeccak256()

parentPort?.on('message', (msg: { id: number; bytes: Uint8Array; ends: Uint32Array }) => {
  const senders: (string | null)[] = []
  const hashes: (string | null)[] = []
  const errors: (string | undefined)[] = []
  let start = 0
  for (const end of msg.ends) {
    try {
      const tx = decodeTransaction(msg.bytes.subarray(start, end))
      senders.push(recoverSender(tx).toLowerCase())
      hashes.push(transactionHash(tx))
      errors.push(undefined)
    } catch (err) {
      senders.push(null)
      hashes.push(null)
      errors.push(err instanceof Error ? err.message : String(err))
    }
    start = end
  }
  parentPort!.postMessage({ id: msg.id, senders, hashes, errors })
})
