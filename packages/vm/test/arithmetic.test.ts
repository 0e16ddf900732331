import { describe, expect, it } from 'vitest'
import { returnedWord, runCode } from './helpers.js'

const MAX = (1n << 256n) - 1n
const push32 = (v: bigint) => `7f${(v & MAX).toString(16).padStart(64, '0')}`
/** Code computing `op(a, b)` (a on top) and returning the 32-byte result. */
const binop = (op: string, a: bigint, b: bigint) => `0x${push32(b)}${push32(a)}${op}60005260206000f3`

describe('arithmetic and bitwise opcodes', () => {
  const cases: [string, string, bigint, bigint, bigint][] = [
    ['ADD wraps', '01', MAX, 2n, 1n],
    ['MUL wraps', '02', 1n << 255n, 2n, 0n],
    ['SUB underflows', '03', 0n, 1n, MAX],
    ['DIV by zero', '04', 5n, 0n, 0n],
    ['SDIV -4/2', '05', MAX - 3n, 2n, MAX - 1n],
    ['SDIV overflow', '05', 1n << 255n, MAX, 1n << 255n],
    ['MOD', '06', 10n, 3n, 1n],
    ['SMOD sign of dividend', '07', MAX - 9n, 3n, MAX],
    ['EXP', '0a', 3n, 5n, 243n],
    ['EXP wraps', '0a', 2n, 256n, 0n],
    ['SIGNEXTEND', '0b', 0n, 0xffn, MAX],
    ['LT', '10', 1n, 2n, 1n],
    ['SLT negative', '12', MAX, 0n, 1n],
    ['SGT', '13', MAX, 0n, 0n],
    ['BYTE 31', '1a', 31n, 0x1234n, 0x34n],
    ['SHL', '1b', 4n, 1n, 16n],
    ['SHR 256', '1c', 256n, MAX, 0n],
    ['SAR negative', '1d', 4n, MAX - 15n, MAX],
  ]
  for (const [name, op, a, b, want] of cases)
    it(name, () => {
      const { result } = runCode(binop(op, a, b))
      expect(result.status).toBe('success')
      expect(returnedWord(result)).toBe(want)
    })

  it('ADDMOD and MULMOD use full precision', () => {
    // PUSH n, PUSH b, PUSH a, ADDMOD
    const code = `0x${push32(7n)}${push32(MAX)}${push32(MAX)}0860005260206000f3`
    expect(returnedWord(runCode(code).result)).toBe((MAX + MAX) % 7n)
    const code2 = `0x${push32(7n)}${push32(MAX)}${push32(MAX)}0960005260206000f3`
    expect(returnedWord(runCode(code2).result)).toBe((MAX * MAX) % 7n)
  })

  it('charges 21000 + opcode gas for a tiny program', () => {
    // PUSH1 1 PUSH1 2 ADD POP STOP = 3+3+3+2 = 11
    const { result } = runCode('0x600160020150 00'.replace(' ', ''))
    expect(result.gasUsed).toBe(21011n)
  })
})
