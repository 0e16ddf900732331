import { bytesToHex, hexToBytes, keccak256, type Log } from '@metis-sdk/primitives'

/**
 * primitives' `logsBloom`, with the bloom bits of log addresses and first topics (event
 * signatures) cached: those repeat across a block's receipts, so most of their keccaks are saved.
 *
 * @example
 * const bloomer = new ReceiptBloomer()
 * bloomer.bloom(txResult.logs) // equals logsBloom(txResult.logs)
 */
export class ReceiptBloomer {
  readonly #bits = new Map<string, Uint16Array>()
  readonly #limit: number

  constructor(limit = 8192) {
    this.#limit = limit
  }

  bloom(logs: readonly Log[]): Uint8Array {
    return bloomFromBits(this.bits(logs))
  }

  /**
   * The bloom's bit indices (three per address and topic, with repeats): a compact form to ship
   * between threads, expanded by {@link bloomFromBits}.
   */
  bits(logs: readonly Log[]): Uint16Array {
    let count = 0
    for (const log of logs) count += 1 + log.topics.length
    const out = new Uint16Array(count * 3)
    let at = 0
    for (const log of logs) {
      out.set(
        this.#cached(log.address.toLowerCase(), () => hexToBytes(log.address)),
        at,
      )
      at += 3
      for (let t = 0; t < log.topics.length; t++) {
        const topic = log.topics[t]!
        out.set(t === 0 ? this.#cached(bytesToHex(topic), () => topic) : bitsOf(topic), at)
        at += 3
      }
    }
    return out
  }

  #cached(key: string, data: () => Uint8Array): Uint16Array {
    let bits = this.#bits.get(key)
    if (bits === undefined) {
      if (this.#bits.size >= this.#limit) this.#bits.clear()
      bits = bitsOf(data())
      this.#bits.set(key, bits)
    }
    return bits
  }
}

/** The three bloom bit indices of `data`: low 11 bits of the first three 16-bit words of its keccak. */
function bitsOf(data: Uint8Array): Uint16Array {
  const h = keccak256(data)
  const out = new Uint16Array(3)
  for (let k = 0; k < 3; k++) out[k] = ((h[2 * k]! << 8) | h[2 * k + 1]!) & 2047
  return out
}

/** The 256-byte logs bloom with the given bit indices set. */
export function bloomFromBits(bits: Uint16Array): Uint8Array {
  const bloom = new Uint8Array(256)
  for (let k = 0; k < bits.length; k++) bloom[255 - (bits[k]! >> 3)]! |= 1 << (bits[k]! & 7)
  return bloom
}
