import { describe, expect, it } from 'vitest'
import { HARDFORKS } from '../chain/hardforks.js'
import { floorDataGas, intrinsicGas } from './intrinsic-gas.js'

const TO = '0x095e7baea6a6c7c4c2dfeb977efac326af552d87' as const
const data = new Uint8Array([0, 0, 1, 2, 0, 3]) // 3 zero, 3 non-zero bytes

describe('intrinsicGas', () => {
  it('charges 21000 for a plain transfer in every fork', () => {
    for (const fork of HARDFORKS) expect(intrinsicGas({ data: new Uint8Array(), to: TO }, fork)).toBe(21000n)
  })

  it('prices calldata 4/68 before Istanbul and 4/16 from Istanbul (EIP-2028)', () => {
    expect(intrinsicGas({ data, to: TO }, 'ConstantinopleFix')).toBe(21000n + 3n * 4n + 3n * 68n)
    expect(intrinsicGas({ data, to: TO }, 'Istanbul')).toBe(21000n + 3n * 4n + 3n * 16n)
  })

  it('adds 32000 for creates from Homestead and 2 per initcode word from Shanghai (EIP-3860)', () => {
    const initcode = new Uint8Array(33).fill(1)
    expect(intrinsicGas({ data: initcode, to: null }, 'Frontier')).toBe(21000n + 33n * 68n)
    expect(intrinsicGas({ data: initcode, to: null }, 'Homestead')).toBe(53000n + 33n * 68n)
    expect(intrinsicGas({ data: initcode, to: null }, 'Paris')).toBe(53000n + 33n * 16n)
    expect(intrinsicGas({ data: initcode, to: null }, 'Shanghai')).toBe(53000n + 33n * 16n + 2n * 2n)
  })

  it('charges access lists from Berlin (EIP-2930) and authorizations from Prague (EIP-7702)', () => {
    const accessList = [
      { address: TO, storageKeys: [`0x${'00'.repeat(32)}` as const, `0x${'01'.repeat(32)}` as const] },
      { address: TO, storageKeys: [] },
    ]
    expect(intrinsicGas({ data: new Uint8Array(), to: TO, accessList }, 'Berlin')).toBe(
      21000n + 2n * 2400n + 2n * 1900n,
    )
    const authorizationList = [{}, {}, {}]
    expect(intrinsicGas({ data: new Uint8Array(), to: TO, authorizationList }, 'Cancun')).toBe(21000n)
    expect(intrinsicGas({ data: new Uint8Array(), to: TO, authorizationList }, 'Prague')).toBe(
      21000n + 3n * 25000n,
    )
  })
})

describe('floorDataGas (EIP-7623)', () => {
  it('is 21000 + 10 per token from Prague, tokens = zeros + 4 × non-zeros', () => {
    expect(floorDataGas(data, 'Prague')).toBe(21000n + 10n * (3n + 4n * 3n))
    expect(floorDataGas(new Uint8Array(), 'Osaka')).toBe(21000n)
    expect(floorDataGas(data, 'Cancun')).toBe(0n)
  })
})
