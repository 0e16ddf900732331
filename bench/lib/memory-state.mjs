// A minimal in-memory StateReader for driving MetisVM from benchmarks: Maps plus `applyDiff`.
// (Bench-only; the real state layer is @metis-sdk/statedb.)
import { KECCAK256_EMPTY, keccak256Hex } from '@metis-sdk/primitives'

export class MemoryState {
  accounts = new Map()
  storage = new Map() // address -> Map<slot, value>
  code = new Map() // codeHash -> bytes

  getAccount(address) {
    return this.accounts.get(address)
  }
  getCode(codeHash) {
    if (codeHash === KECCAK256_EMPTY) return new Uint8Array()
    const c = this.code.get(codeHash)
    if (!c) throw new Error(`unknown code ${codeHash}`)
    return c
  }
  getStorage(address, slot) {
    return this.storage.get(address)?.get(slot) ?? 0n
  }
  hasStorage(address) {
    const s = this.storage.get(address)
    return !!s && s.size > 0
  }
  getBlockHash() {
    return undefined
  }

  setAccount(address, { nonce = 0n, balance = 0n, code } = {}) {
    let codeHash = KECCAK256_EMPTY
    if (code && code.length) {
      codeHash = keccak256Hex(code)
      this.code.set(codeHash, code)
    }
    this.accounts.set(address, { nonce, balance, codeHash })
  }

  applyDiff(diff) {
    for (const [address, d] of diff.accounts) {
      if (d.code) this.code.set(keccak256Hex(d.code), d.code)
      if (d.account === undefined) {
        this.accounts.delete(address)
        this.storage.delete(address)
        continue
      }
      this.accounts.set(address, d.account)
      let s = this.storage.get(address)
      if (d.storageCleared) {
        s = new Map()
        this.storage.set(address, s)
      }
      for (const [slot, value] of d.storage) {
        if (!s) {
          s = new Map()
          this.storage.set(address, s)
        }
        if (value === 0n) s.delete(slot)
        else s.set(slot, value)
      }
    }
  }
}
