// Worker thread of SenderRecovery: decodes raw transactions and recovers their senders and hashes, so the
// main thread (JSON-RPC, mempool, block production) does not spend ~0.2 ms per transaction on it.
// A request is one packed buffer of raw transactions and their end offsets.
import { parentPort } from 'node:worker_threads'
import { useFastKeccak256 } from '@metis-sdk/primitives'
import { recoverLocal } from './sender-recovery.js'

// Same results as the default keccak, faster (tx hashes and signing hashes of every request).
void useFastKeccak256()

parentPort?.on('message', (msg: { id: number; bytes: Uint8Array; ends: Uint32Array }) => {
  const raws: Uint8Array[] = []
  let start = 0
  for (const end of msg.ends) {
    raws.push(msg.bytes.subarray(start, end))
    start = end
  }
  parentPort!.postMessage({ id: msg.id, ...recoverLocal(raws) })
})
