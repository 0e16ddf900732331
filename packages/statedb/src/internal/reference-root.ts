// An independent state root for tests: @ethereumjs/trie (in memory) over a plain model of the state.
import { Trie } from '@ethereumjs/trie'
import { EMPTY_TRIE_ROOT, hexToBytes, rlpEncode } from '@metis-sdk/primitives'
import { minimalBytes, toHex } from './bytes.js'

export type ModelAccount = {
  nonce: bigint
  balance: bigint
  codeHash: `0x${string}`
  storage: Map<bigint, bigint>
}

function slotKey(slot: bigint): Uint8Array {
  return hexToBytes(`0x${slot.toString(16).padStart(64, '0')}`)
}

export async function referenceStateRoot(model: Map<string, ModelAccount>): Promise<`0x${string}`> {
  const trie = new Trie({ useKeyHashing: true })
  for (const [address, a] of model) {
    let storageRoot = hexToBytes(EMPTY_TRIE_ROOT)
    if (a.storage.size > 0) {
      const st = new Trie({ useKeyHashing: true })
      for (const [slot, value] of a.storage)
        if (value !== 0n) await st.put(slotKey(slot), rlpEncode(minimalBytes(value)))
      storageRoot = st.root()
    }
    await trie.put(
      hexToBytes(address),
      rlpEncode([minimalBytes(a.nonce), minimalBytes(a.balance), storageRoot, hexToBytes(a.codeHash)]),
    )
  }
  return toHex(trie.root())
}
