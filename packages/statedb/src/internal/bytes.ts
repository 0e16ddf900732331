// Small byte helpers of the state DB hot paths (never exported from the package).

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** 8-byte big-endian encoding of a non-negative safe integer (versions, block numbers). */
export function be64(n: number): Uint8Array {
  const out = new Uint8Array(8)
  writeBe64(out, 0, n)
  return out
}

export function writeBe64(out: Uint8Array, off: number, n: number): void {
  const hi = Math.floor(n / 0x100000000)
  const lo = n >>> 0
  out[off] = hi >>> 24
  out[off + 1] = (hi >>> 16) & 0xff
  out[off + 2] = (hi >>> 8) & 0xff
  out[off + 3] = hi & 0xff
  out[off + 4] = lo >>> 24
  out[off + 5] = (lo >>> 16) & 0xff
  out[off + 6] = (lo >>> 8) & 0xff
  out[off + 7] = lo & 0xff
}

export function readBe64(b: Uint8Array, off: number): number {
  const hi = ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0
  const lo = ((b[off + 4]! << 24) | (b[off + 5]! << 16) | (b[off + 6]! << 8) | b[off + 7]!) >>> 0
  return hi * 0x100000000 + lo
}

/** Big-endian bytes → bigint without a hex round trip for short values (nonces, small balances). */
export function toBigInt(b: Uint8Array, off = 0, len = b.length - off): bigint {
  let i = off
  const end = off + len
  while (i < end && b[i] === 0) i++
  if (i === end) return 0n
  if (end - i <= 6) {
    let n = 0
    for (; i < end; i++) n = n * 256 + b[i]!
    return BigInt(n)
  }
  let s = '0x'
  for (; i < end; i++) s += HEX[b[i]!]
  return BigInt(s)
}

/** bigint → big-endian bytes written right-aligned into `out[off, off+size)`. Returns false on overflow. */
export function writeBigInt(out: Uint8Array, off: number, size: number, value: bigint): boolean {
  if (value < 0n) return false
  let v = value
  for (let i = off + size - 1; i >= off; i--) {
    if (v === 0n) break
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return v === 0n
}

/** Minimal big-endian bytes of a non-negative bigint (0n → empty). */
export function minimalBytes(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0)
  let hex = value.toString(16)
  if (hex.length & 1) hex = `0${hex}`
  const out = new Uint8Array(hex.length >> 1)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.substr(i * 2, 2), 16)
  return out
}

export function toHex(b: Uint8Array): `0x${string}` {
  let s = '0x'
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!]
  return s as `0x${string}`
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Bytes → nibbles (one per byte). */
export function toNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2)
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i]! >> 4
    out[2 * i + 1] = key[i]! & 15
  }
  return out
}
