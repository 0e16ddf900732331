import { describe, expect, it } from 'vitest'
import { isPrecompile, precompileAddresses, precompilesFor } from './index.js'

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const

describe('precompile tables per fork', () => {
  it('activates each precompile at its fork', () => {
    expect([...precompilesFor('Frontier').keys()]).toEqual([1, 2, 3, 4])
    expect([...precompilesFor('Byzantium').keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect([...precompilesFor('Istanbul').keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect([...precompilesFor('Shanghai').keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect([...precompilesFor('Cancun').keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect([...precompilesFor('Prague').keys()]).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
    ])
  })

  it('applies repricings as overlays (EIP-1108, EIP-2565)', () => {
    const point = new Uint8Array(128) // infinity + infinity
    expect(precompilesFor('Byzantium').get(6)!(point, 1e6)).toMatchObject({ ok: true, gasUsed: 500 })
    expect(precompilesFor('Istanbul').get(6)!(point, 1e6)).toMatchObject({ ok: true, gasUsed: 150 })
    const empty = new Uint8Array(96)
    expect(precompilesFor('Istanbul').get(5)!(empty, 1e6)).toMatchObject({ ok: true, gasUsed: 0 })
    expect(precompilesFor('Berlin').get(5)!(empty, 1e6)).toMatchObject({ ok: true, gasUsed: 200 })
  })

  it('lists lowercase addresses for the warm set', () => {
    const list = precompileAddresses('Prague')
    expect(list).toHaveLength(17)
    expect(list[0]).toBe('0x0000000000000000000000000000000000000001')
    expect(list[16]).toBe('0x0000000000000000000000000000000000000011')
    for (const a of list) expect(a).toBe(a.toLowerCase())
    list.pop() // callers get a copy
    expect(precompileAddresses('Prague')).toHaveLength(17)
  })

  it('isPrecompile', () => {
    expect(isPrecompile('Cancun', addr(0x0a))).toBe(true)
    expect(isPrecompile('Shanghai', addr(0x0a))).toBe(false)
    expect(isPrecompile('Cancun', addr(0x0b))).toBe(false)
    expect(isPrecompile('Prague', addr(0x11))).toBe(true)
    expect(isPrecompile('Prague', '0x000000000000000000000000000000000000000B')).toBe(true)
    expect(isPrecompile('Prague', addr(0x12))).toBe(false)
    expect(isPrecompile('Prague', addr(0))).toBe(false)
    expect(isPrecompile('Prague', '0x1000000000000000000000000000000000000001')).toBe(false)
    expect(isPrecompile('Prague', '0x01')).toBe(false)
  })
})

describe('README example', () => {
  it('runs as documented', async () => {
    const vm = await import('@metis-sdk/vm')
    const sha256 = vm.precompilesFor('Cancun').get(0x02)!
    const res = sha256(new TextEncoder().encode('abc'), 100)
    expect(res.ok && res.gasUsed).toBe(72)
    expect(res.ok && Buffer.from(res.output).toString('hex').slice(0, 8)).toBe('ba7816bf')
    expect(sha256(new Uint8Array(64), 10)).toEqual({ ok: false, gasUsed: 10, error: 'OutOfGas' })
    expect(vm.isPrecompile('Prague', '0x000000000000000000000000000000000000000b')).toBe(true)
    expect(vm.precompileAddresses('Cancun')).toHaveLength(10)
  })
})
