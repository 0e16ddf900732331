import { bn254 } from '@noble/curves/bn254.js'
import { readBig, writeBig } from './result.js'

// Internal: EIP-196/197 encodings for bn254 (alt_bn128) points on top of @noble/curves. Every
// decoder returns undefined instead of throwing, so precompiles can map it to `ok: false`.

export const G1 = bn254.G1.Point
export const G2 = bn254.G2.Point
export type G1Point = InstanceType<typeof G1>
export type G2Point = InstanceType<typeof G2>

const P = G1.Fp.ORDER
/** Order of G1/G2 (the scalar field). */
export const BN254_ORDER = G1.Fn.ORDER

/** G1 point from 64 bytes x‖y at `offset`; (0, 0) is infinity; coordinates must be < p. */
export function decodeG1(data: Uint8Array, offset: number): G1Point | undefined {
  const x = readBig(data, offset, offset + 32)
  const y = readBig(data, offset + 32, offset + 64)
  if (x >= P || y >= P) return undefined
  if (x === 0n && y === 0n) return G1.ZERO
  try {
    const p = G1.fromAffine({ x, y })
    // Cofactor is 1, so this is just the curve-equation check.
    p.assertValidity()
    return p
  } catch {
    return undefined
  }
}

/**
 * G2 point from 128 bytes at `offset`, EIP-197 order x_im‖x_re‖y_im‖y_re. Must be on the twist
 * and in the order-r subgroup (the twist has a large cofactor, so both checks matter).
 */
export function decodeG2(data: Uint8Array, offset: number): G2Point | undefined {
  const xi = readBig(data, offset, offset + 32)
  const xr = readBig(data, offset + 32, offset + 64)
  const yi = readBig(data, offset + 64, offset + 96)
  const yr = readBig(data, offset + 96, offset + 128)
  if (xi >= P || xr >= P || yi >= P || yr >= P) return undefined
  if (xi === 0n && xr === 0n && yi === 0n && yr === 0n) return G2.ZERO
  try {
    const p = G2.fromAffine({ x: { c0: xr, c1: xi }, y: { c0: yr, c1: yi } })
    p.assertValidity() // on curve + torsion-free
    return p
  } catch {
    return undefined
  }
}

/** 64-byte encoding of a G1 point (infinity = zeros). */
export function encodeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(64)
  if (p.is0()) return out
  const { x, y } = p.toAffine()
  writeBig(x, 32, out, 0)
  writeBig(y, 32, out, 32)
  return out
}

/** e(a1, b1) · … · e(ak, bk) == 1; pairs with an infinity point contribute 1 and are skipped. */
export function pairingCheck(pairs: { g1: G1Point; g2: G2Point }[]): boolean {
  const live = pairs.filter((p) => !p.g1.is0() && !p.g2.is0())
  if (live.length === 0) return true
  const gt = bn254.pairingBatch(live)
  return bn254.fields.Fp12.eql(gt, bn254.fields.Fp12.ONE)
}
