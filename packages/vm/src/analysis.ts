/** The result of analysing one piece of bytecode once (cached per code hash). */
export type CodeAnalysis = {
  /** The code followed by 33 zero bytes, so PUSH reads never run past the end. */
  code: Uint8Array
  /** Length of the real code. */
  length: number
  /** 1 at every valid JUMPDEST offset. */
  jumpdests: Uint8Array
  /** Pre-decoded PUSH1..PUSH32 immediates, indexed by the PUSH's pc (sparse). */
  pushes: bigint[]
}

const cache = new Map<string, CodeAnalysis>()
const CACHE_LIMIT = 4096

/**
 * JUMPDEST bitmap plus pre-decoded PUSH data. Decoding every PUSH once here instead of per execution
 * is what makes PUSH-heavy loops cheap (one array read instead of up to 32 byte reads + shifts).
 */
export function analyzeCode(code: Uint8Array): CodeAnalysis {
  const n = code.length
  const padded = new Uint8Array(n + 33)
  padded.set(code)
  const jumpdests = new Uint8Array(n)
  const pushes: bigint[] = new Array(n)
  let i = 0
  while (i < n) {
    const op = code[i]!
    if (op === 0x5b) jumpdests[i] = 1
    else if (op >= 0x60 && op <= 0x7f) {
      const len = op - 0x5f
      let v = 0n
      if (len <= 6) {
        let x = 0
        for (let k = 1; k <= len; k++) x = x * 256 + padded[i + k]!
        v = BigInt(x)
      } else {
        let hex = ''
        for (let k = 1; k <= len; k++) hex += HEX[padded[i + k]!]
        v = BigInt(`0x${hex}`)
      }
      pushes[i] = v
      i += len
    }
    i++
  }
  return { code: padded, length: n, jumpdests, pushes }
}

const HEX: string[] = []
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'))

/** {@link analyzeCode} memoised by code hash. */
export function analyzeCodeCached(codeHash: string, code: Uint8Array): CodeAnalysis {
  let a = cache.get(codeHash)
  if (a) return a
  a = analyzeCode(code)
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(codeHash, a)
  return a
}
