// Worker thread of SenderRecovery: decodes raw transactions and recovers their senders, so the
// main thread (JSON-RPC, mempool, block production) does not spend ~0.2 ms per transaction on it.
import { parentPort } from 'node:worker_threads'
import { decodeTransaction, recoverSender } from '@metis-sdk/primitives'

parentPort?.on('message', (msg: { id: number; raws: Uint8Array[] }) => {
  const senders = msg.raws.map((raw) => {
    try {
      return recoverSender(decodeTransaction(raw)).toLowerCase()
    } catch {
      return null
    }
  })
  parentPort!.postMessage({ id: msg.id, senders })
})
