import { type Hardfork, isForkAtLeast } from '@metis-sdk/primitives'

/** One row of the opcode table: the single source of truth for names, stack shape, base gas, fork. */
export type OpcodeInfo = {
  code: number
  name: string
  /** Stack items consumed. */
  pops: number
  /** Stack items produced. */
  pushes: number
  /** Constant gas charged before the handler runs (dynamic parts are charged by the handler). */
  gas: number
  /** First fork in which the opcode exists. */
  since: Hardfork
}

const rows: OpcodeInfo[] = []
function op(
  code: number,
  name: string,
  pops: number,
  pushes: number,
  gas: number,
  since: Hardfork = 'Frontier',
): void {
  rows.push({ code, name, pops, pushes, gas, since })
}

op(0x00, 'STOP', 0, 0, 0)
op(0x01, 'ADD', 2, 1, 3)
op(0x02, 'MUL', 2, 1, 5)
op(0x03, 'SUB', 2, 1, 3)
op(0x04, 'DIV', 2, 1, 5)
op(0x05, 'SDIV', 2, 1, 5)
op(0x06, 'MOD', 2, 1, 5)
op(0x07, 'SMOD', 2, 1, 5)
op(0x08, 'ADDMOD', 3, 1, 8)
op(0x09, 'MULMOD', 3, 1, 8)
op(0x0a, 'EXP', 2, 1, 10)
op(0x0b, 'SIGNEXTEND', 2, 1, 5)
op(0x10, 'LT', 2, 1, 3)
op(0x11, 'GT', 2, 1, 3)
op(0x12, 'SLT', 2, 1, 3)
op(0x13, 'SGT', 2, 1, 3)
op(0x14, 'EQ', 2, 1, 3)
op(0x15, 'ISZERO', 1, 1, 3)
op(0x16, 'AND', 2, 1, 3)
op(0x17, 'OR', 2, 1, 3)
op(0x18, 'XOR', 2, 1, 3)
op(0x19, 'NOT', 1, 1, 3)
op(0x1a, 'BYTE', 2, 1, 3)
op(0x1b, 'SHL', 2, 1, 3, 'Constantinople')
op(0x1c, 'SHR', 2, 1, 3, 'Constantinople')
op(0x1d, 'SAR', 2, 1, 3, 'Constantinople')
op(0x20, 'KECCAK256', 2, 1, 30)
op(0x30, 'ADDRESS', 0, 1, 2)
op(0x31, 'BALANCE', 1, 1, 0)
op(0x32, 'ORIGIN', 0, 1, 2)
op(0x33, 'CALLER', 0, 1, 2)
op(0x34, 'CALLVALUE', 0, 1, 2)
op(0x35, 'CALLDATALOAD', 1, 1, 3)
op(0x36, 'CALLDATASIZE', 0, 1, 2)
op(0x37, 'CALLDATACOPY', 3, 0, 3)
op(0x38, 'CODESIZE', 0, 1, 2)
op(0x39, 'CODECOPY', 3, 0, 3)
op(0x3a, 'GASPRICE', 0, 1, 2)
op(0x3b, 'EXTCODESIZE', 1, 1, 0)
op(0x3c, 'EXTCODECOPY', 4, 0, 0)
op(0x3d, 'RETURNDATASIZE', 0, 1, 2, 'Byzantium')
op(0x3e, 'RETURNDATACOPY', 3, 0, 3, 'Byzantium')
op(0x3f, 'EXTCODEHASH', 1, 1, 0, 'Constantinople')
op(0x40, 'BLOCKHASH', 1, 1, 20)
op(0x41, 'COINBASE', 0, 1, 2)
op(0x42, 'TIMESTAMP', 0, 1, 2)
op(0x43, 'NUMBER', 0, 1, 2)
op(0x44, 'PREVRANDAO', 0, 1, 2)
op(0x45, 'GASLIMIT', 0, 1, 2)
op(0x46, 'CHAINID', 0, 1, 2, 'Istanbul')
op(0x47, 'SELFBALANCE', 0, 1, 5, 'Istanbul')
op(0x48, 'BASEFEE', 0, 1, 2, 'London')
op(0x49, 'BLOBHASH', 1, 1, 3, 'Cancun')
op(0x4a, 'BLOBBASEFEE', 0, 1, 2, 'Cancun')
op(0x50, 'POP', 1, 0, 2)
op(0x51, 'MLOAD', 1, 1, 3)
op(0x52, 'MSTORE', 2, 0, 3)
op(0x53, 'MSTORE8', 2, 0, 3)
op(0x54, 'SLOAD', 1, 1, 0)
op(0x55, 'SSTORE', 2, 0, 0)
op(0x56, 'JUMP', 1, 0, 8)
op(0x57, 'JUMPI', 2, 0, 10)
op(0x58, 'PC', 0, 1, 2)
op(0x59, 'MSIZE', 0, 1, 2)
op(0x5a, 'GAS', 0, 1, 2)
op(0x5b, 'JUMPDEST', 0, 0, 1)
op(0x5c, 'TLOAD', 1, 1, 100, 'Cancun')
op(0x5d, 'TSTORE', 2, 0, 100, 'Cancun')
op(0x5e, 'MCOPY', 3, 0, 3, 'Cancun')
op(0x5f, 'PUSH0', 0, 1, 2, 'Shanghai')
for (let n = 1; n <= 32; n++) op(0x5f + n, `PUSH${n}`, 0, 1, 3)
for (let n = 1; n <= 16; n++) op(0x7f + n, `DUP${n}`, n, n + 1, 3)
for (let n = 1; n <= 16; n++) op(0x8f + n, `SWAP${n}`, n + 1, n + 1, 3)
for (let n = 0; n <= 4; n++) op(0xa0 + n, `LOG${n}`, n + 2, 0, 375 * (n + 1))
op(0xf0, 'CREATE', 3, 1, 32000)
op(0xf1, 'CALL', 7, 1, 0)
op(0xf2, 'CALLCODE', 7, 1, 0)
op(0xf3, 'RETURN', 2, 0, 0)
op(0xf4, 'DELEGATECALL', 6, 1, 0, 'Homestead')
op(0xf5, 'CREATE2', 4, 1, 32000, 'Constantinople')
op(0xfa, 'STATICCALL', 6, 1, 0, 'Byzantium')
op(0xfd, 'REVERT', 2, 0, 0, 'Byzantium')
op(0xfe, 'INVALID', 0, 0, 0)
op(0xff, 'SELFDESTRUCT', 1, 0, 5000)

/** The opcode table, one row per defined opcode. */
export const OPCODES: readonly OpcodeInfo[] = rows

/** Per-fork lookup arrays derived from {@link OPCODES}; -1 gas marks an opcode undefined in the fork. */
export type ForkOpcodeTable = {
  fork: Hardfork
  gas: Int32Array
  /** Minimum stack height for the opcode to run (its pops). */
  minStack: Uint8Array
  /** Maximum stack height before the opcode runs without overflowing 1024. */
  maxStack: Int32Array
  names: string[]
}

const tables = new Map<Hardfork, ForkOpcodeTable>()

/** The derived 256-entry table of `fork` (cached). */
export function opcodeTableFor(fork: Hardfork): ForkOpcodeTable {
  let t = tables.get(fork)
  if (t) return t
  const gas = new Int32Array(256).fill(-1)
  const minStack = new Uint8Array(256)
  const maxStack = new Int32Array(256).fill(1024)
  const names: string[] = []
  for (let i = 0; i < 256; i++) names.push(`0x${i.toString(16).padStart(2, '0')}`)
  for (const r of rows) {
    names[r.code] = r.name
    // INVALID (0xfe) stays undefined: it is the designated invalid instruction.
    if (r.code === 0xfe || !isForkAtLeast(fork, r.since)) continue
    gas[r.code] = r.gas
    minStack[r.code] = r.pops
    maxStack[r.code] = 1024 - (r.pushes - r.pops)
  }
  t = { fork, gas, minStack, maxStack, names }
  tables.set(fork, t)
  return t
}
