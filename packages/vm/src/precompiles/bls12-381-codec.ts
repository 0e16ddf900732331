import { pippenger } from '@noble/curves/abstract/curve.js'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { readBig, writeBig } from './result.js'

// Internal: EIP-2537 encodings on top of @noble/curves. Field elements are 64 bytes, big-endian,
// the top 16 bytes zero and the value < p; infinity is all zeros. Decoders return undefined instead
// of throwing so precompiles map every bad input to `ok: false`.

export const G1 = bls12_381.G1.Point
export const G2 = bls12_381.G2.Point
export type G1Point = InstanceType<typeof G1>
export type G2Point = InstanceType<typeof G2>
type Fp2 = G2Point['X']

const Fp = G1.Fp
const Fp2 = G2.Fp
const P = Fp.ORDER
/** Order q of G1/G2 (BLS_MODULUS); MSM scalars are reduced by it after the subgroup check. */
export const BLS_ORDER = G1.Fn.ORDER
const B1 = G1.CURVE().b
const B2 = G2.CURVE().b

/** Field element of 64 bytes at `offset`: top 16 bytes zero and value < p. */
export function decodeFp(data: Uint8Array, offset: number): bigint | undefined {
  for (let i = 0; i < 16; i++) if (data[offset + i] !== 0) return undefined
  const v = readBig(data, offset + 16, offset + 64)
  return v < P ? v : undefined
}

/** Fp2 element c0 ‖ c1 (128 bytes) at `offset`. */
export function decodeFp2(data: Uint8Array, offset: number): Fp2 | undefined {
  const c0 = decodeFp(data, offset)
  const c1 = decodeFp(data, offset + 64)
  if (c0 === undefined || c1 === undefined) return undefined
  return Fp2.create({ c0, c1 })
}

/**
 * G1 point (128 bytes) at `offset`. On-curve always checked; the subgroup check only when asked
 * (G1ADD deliberately skips it, MSM and pairing require it).
 */
export function decodeG1(data: Uint8Array, offset: number, subgroup: boolean): G1Point | undefined {
  const x = decodeFp(data, offset)
  const y = decodeFp(data, offset + 64)
  if (x === undefined || y === undefined) return undefined
  if (x === 0n && y === 0n) return G1.ZERO
  // Noble's assertValidity() always includes the subgroup check, so the curve equation is
  // evaluated here to allow ADD on points outside the subgroup.
  if (!Fp.eql(Fp.sqr(y), Fp.add(Fp.mul(Fp.sqr(x), x), B1))) return undefined
  try {
    const p = G1.fromAffine({ x, y })
    if (subgroup && !p.isTorsionFree()) return undefined
    return p
  } catch {
    return undefined
  }
}

/** G2 point (256 bytes: x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1) at `offset`; see {@link decodeG1}. */
export function decodeG2(data: Uint8Array, offset: number, subgroup: boolean): G2Point | undefined {
  const x = decodeFp2(data, offset)
  const y = decodeFp2(data, offset + 128)
  if (x === undefined || y === undefined) return undefined
  if (Fp2.is0(x) && Fp2.is0(y)) return G2.ZERO
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) return undefined
  try {
    const p = G2.fromAffine({ x, y })
    if (subgroup && !p.isTorsionFree()) return undefined
    return p
  } catch {
    return undefined
  }
}

/** 128-byte encoding of a G1 point. */
export function encodeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(128)
  if (p.is0()) return out
  const { x, y } = p.toAffine()
  writeBig(x, 48, out, 16)
  writeBig(y, 48, out, 80)
  return out
}

/** 256-byte encoding of a G2 point. */
export function encodeG2(p: G2Point): Uint8Array {
  const out = new Uint8Array(256)
  if (p.is0()) return out
  const { x, y } = p.toAffine()
  writeBig(x.c0, 48, out, 16)
  writeBig(x.c1, 48, out, 80)
  writeBig(y.c0, 48, out, 144)
  writeBig(y.c1, 48, out, 208)
  return out
}

/** Σ kᵢ·Pᵢ; zero scalars and infinity points are dropped first (they contribute nothing). */
export function msm<T extends G1Point | G2Point>(
  Point: typeof G1 | typeof G2,
  points: T[],
  scalars: bigint[],
): T {
  const ps: T[] = []
  const ks: bigint[] = []
  for (let i = 0; i < points.length; i++) {
    const k = scalars[i]! % BLS_ORDER
    if (k === 0n || points[i]!.is0()) continue
    ps.push(points[i]!)
    ks.push(k)
  }
  if (ps.length === 0) return Point.ZERO as unknown as T
  if (ps.length === 1) return ps[0]!.multiplyUnsafe(ks[0]!) as unknown as T
  // biome-ignore lint/suspicious/noExplicitAny: pippenger is generic over the point constructor
  return pippenger(Point as any, ps as any, ks) as unknown as T
}

/** e(P1, Q1) · … · e(Pk, Qk) == 1; pairs containing infinity contribute 1 and are skipped. */
export function pairingCheck(pairs: { g1: G1Point; g2: G2Point }[]): boolean {
  const live = pairs.filter((p) => !p.g1.is0() && !p.g2.is0())
  if (live.length === 0) return true
  const gt = bls12_381.pairingBatch(live)
  return bls12_381.fields.Fp12.eql(gt, bls12_381.fields.Fp12.ONE)
}

/** MAP_FP_TO_G1: SSWU + isogeny + cofactor clearing (RFC 9380 map_to_curve + clear_cofactor). */
export function mapFpToG1(u: bigint): G1Point {
  // The declared type says bigint[] → affine, but for m = 1 the hasher takes one bigint and
  // returns the cofactor-cleared projective point (checked at runtime in the unit tests).
  const map = bls12_381.G1.mapToCurve as unknown as (u: bigint) => G1Point
  return map(u)
}

/** MAP_FP2_TO_G2: as {@link mapFpToG1} over Fp2. */
export function mapFp2ToG2(u: Fp2): G2Point {
  return bls12_381.G2.mapToCurve([u.c0, u.c1]) as unknown as G2Point
}
