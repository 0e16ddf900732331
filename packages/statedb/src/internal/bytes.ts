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

/**
 * Big-endian bytes → bigint without a hex round trip: up to 6 significant bytes as one number,
 * longer values in 48-bit chunks (about half the cost of `BigInt('0x…')` for 8–32-byte balances).
 */
export function toBigInt(b: Uint8Array, off = 0, len = b.length - off): bigint {
  let i = off
  const end = off + len
  while (i < end && b[i] === 0) i++
  if (i === end) return 0n
  const first = (end - i) % 6 || 6
  let x = 0
  for (let k = 0; k < first; k++) x = x * 256 + b[i++]!
  if (i === end) return BigInt(x)
  let r = BigInt(x)
  while (i < end) {
    x =
      b[i]! * 0x10000000000 +
      b[i + 1]! * 0x100000000 +
      (((b[i + 2]! << 24) | (b[i + 3]! << 16) | (b[i + 4]! << 8) | b[i + 5]!) >>> 0)
    i += 6
    r = (r << 48n) | BigInt(x)
  }
  return r
}

/**
 * Two hex characters (char codes < 256, `c1 << 8 | c2`) → byte value, | 0x100 when one of them is an
 * uppercase digit, -1 when either is not a hex digit. One table load per output byte.
 */
const HEX_PAIR = (() => {
  const val = (c: number): number =>
    c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1
  const t = new Int16Array(65536).fill(-1)
  for (let a = 0; a < 256; a++)
    for (let b = 0; b < 256; b++) {
      const h = val(a)
      const l = val(b)
      if (h < 0 || l < 0) continue
      t[(a << 8) | b] = (h << 4) | l | ((a >= 65 && a <= 70) || (b >= 65 && b <= 70) ? 0x100 : 0)
    }
  return t
})()

/**
 * Parses a `0x`-prefixed 40-digit address into `out[off, off+20)` without allocating (the read
 * hot path). Returns 0 when it is not an address, 1 when it was lowercase, 2 when it had uppercase digits.
 */
export function parseAddressInto(s: string, out: Uint8Array, off: number): 0 | 1 | 2 {
  if (s.length !== 42 || s.charCodeAt(0) !== 48 || (s.charCodeAt(1) | 32) !== 120) return 0
  let acc = 0
  let wide = 0
  for (let i = 0; i < 20; i++) {
    const c1 = s.charCodeAt(2 + 2 * i)
    const c2 = s.charCodeAt(3 + 2 * i)
    wide |= c1 | c2
    const v = HEX_PAIR[((c1 & 0xff) << 8) | (c2 & 0xff)]!
    acc |= v
    out[off + i] = v
  }
  if (acc < 0 || wide > 0xff) return 0
  return acc & 0x100 ? 2 : 1
}

/** bigint → big-endian bytes written right-aligned into `out[off, off+size)`. Returns false on overflow. */
export function writeBigInt(out: Uint8Array, off: number, size: number, value: bigint): boolean {
  if (value < 0n) return false
  if (value <= 0xffffffffffffn) {
    // Up to 48 bits (nonces, slot numbers, most values): Number arithmetic, no BigInt per byte.
    let n = Number(value)
    for (let i = off + size - 1; i >= off && n > 0; i--) {
      out[i] = n % 256
      n = Math.floor(n / 256)
    }
    return n === 0
  }
  // Wider values in 32-bit limbs (8 BigInt operations for a 256-bit value instead of 64).
  let v = value
  let i = off + size - 1
  while (v !== 0n) {
    let limb = Number(v & 0xffffffffn)
    v >>= 32n
    for (let k = 0; k < 4; k++, i--) {
      if (limb === 0 && v === 0n) return true
      if (i < off) return false
      out[i] = limb & 0xff
      limb >>>= 8
    }
  }
  return true
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
