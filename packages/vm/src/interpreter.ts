import {
  type Address,
  type Hardfork,
  isForkAtLeast,
  KECCAK256_EMPTY,
  keccak256,
  type Log,
} from '@metis-sdk/primitives'
import { analyzeCode, analyzeCodeCached } from './analysis.js'
import { type ForkOpcodeTable, opcodeTableFor } from './opcodes.js'
import type { Precompile } from './precompiles/index.js'
import type { FrameType, Tracer } from './tracer.js'
import type { Acct, WorldState } from './world-state.js'

const MAX = (1n << 256n) - 1n
const SIGN = 1n << 255n
const TWO256 = 1n << 256n
const ADDR_MASK = (1n << 160n) - 1n
const MAX_MEM = 0xffffffffn
const EMPTY = new Uint8Array(0)
const MAX_CODE_SIZE = 24576
const MAX_INITCODE_SIZE = 49152
const CALL_DEPTH = 1024

/** Frame end states. 0 = still running; ≥ 10 are exceptional halts (all gas consumed). */
export const S_RUN = 0
export const S_STOP = 1
export const S_RETURN = 2
export const S_REVERT = 3
export const S_SUSPEND = 4
export const S_OOG = 10
export const S_INVALID = 11
export const S_UNDERFLOW = 12
export const S_OVERFLOW = 13
export const S_BADJUMP = 14
export const S_STATIC = 15
export const S_RETURNDATA = 16
export const S_CODESIZE = 17
export const S_CODEPREFIX = 18
export const S_COLLISION = 19
export const S_PRECOMPILE = 20
export const S_INITCODESIZE = 21

const HALT_NAMES: Record<number, string> = {
  [S_OOG]: 'OutOfGas',
  [S_INVALID]: 'InvalidOpcode',
  [S_UNDERFLOW]: 'StackUnderflow',
  [S_OVERFLOW]: 'StackOverflow',
  [S_BADJUMP]: 'InvalidJump',
  [S_STATIC]: 'StateChangeDuringStaticCall',
  [S_RETURNDATA]: 'ReturnDataOutOfBounds',
  [S_CODESIZE]: 'CodeSizeLimit',
  [S_CODEPREFIX]: 'InvalidCodePrefix',
  [S_COLLISION]: 'CreateCollision',
  [S_PRECOMPILE]: 'PrecompileFailure',
  [S_INITCODESIZE]: 'InitcodeSizeLimit',
}

/** The EVM halt reason name of a frame status (undefined for normal ends). */
export function haltName(status: number): string | undefined {
  return HALT_NAMES[status]
}

/** Block- and transaction-wide values the interpreter reads (bigints pre-converted once per tx). */
export type ExecEnv = {
  ws: WorldState
  fork: Hardfork
  table: ForkOpcodeTable
  isCancun: boolean
  isPrague: boolean
  origin: bigint
  gasPrice: bigint
  coinbase: bigint
  timestamp: bigint
  number: bigint
  prevRandao: bigint
  gasLimit: bigint
  baseFee: bigint
  chainId: bigint
  blobBaseFee: bigint
  blobHashes: bigint[]
  precompiles: ReadonlyMap<number, Precompile>
  /** Custom precompiles by address (undefined when none: built-in lookups stay a range test). */
  custom: ReadonlyMap<bigint, Precompile> | undefined
  blockHash: (n: bigint) => bigint
  tracer: Tracer | undefined
  logs: Log[]
}

/** One call or create frame. Frames live on an explicit stack: no JS recursion per CALL. */
export class Frame {
  pc = 0
  sp = 0
  stack: bigint[]
  mem: Uint8Array = EMPTY
  dv: DataView = new DataView(EMPTY.buffer)
  memLen = 0
  returnData: Uint8Array = EMPTY
  output: Uint8Array = EMPTY
  status = S_RUN
  child: Frame | undefined
  /** Where the parent wants our output copied (calls only). */
  retOff = 0
  retSize = 0
  checkpoint = 0
  refundStart = 0
  logsStart = 0
  readonly code: Uint8Array
  readonly codeLen: number
  readonly jumpdests: Uint8Array
  readonly pushes: bigint[]
  readonly addressBig: bigint
  readonly callerBig: bigint

  constructor(
    code: { code: Uint8Array; length: number; jumpdests: Uint8Array; pushes: bigint[] },
    public gas: number,
    readonly acct: Acct,
    readonly caller: Address,
    readonly value: bigint,
    readonly input: Uint8Array,
    readonly isStatic: boolean,
    readonly depth: number,
    readonly isCreate: boolean,
  ) {
    this.code = code.code
    this.codeLen = code.length
    this.jumpdests = code.jumpdests
    this.pushes = code.pushes
    this.addressBig = BigInt(acct.address)
    this.callerBig = BigInt(caller)
    this.stack = stackFor(depth)
  }
}

// One preallocated 1024-slot stack per depth, reused across frames and transactions: only one
// frame per depth is alive at a time.
const stackPool: bigint[][] = []
function stackFor(depth: number): bigint[] {
  let s = stackPool[depth]
  if (s === undefined) {
    s = new Array<bigint>(1024).fill(0n)
    stackPool[depth] = s
  }
  return s
}

/** `0x`-address of the low 160 bits of a stack word. */
export function toAddress(v: bigint): Address {
  return `0x${(v & ADDR_MASK).toString(16).padStart(40, '0')}` as Address
}

function toS(x: bigint): bigint {
  return x >= SIGN ? x - TWO256 : x
}

function expMod(base: bigint, exp: bigint): bigint {
  if (base === 2n) return exp < 256n ? 1n << exp : 0n
  let r = 1n
  let b = base
  let e = exp
  while (e > 0n) {
    if (e & 1n) r = (r * b) & MAX
    e >>= 1n
    if (e > 0n) b = (b * b) & MAX
  }
  return r
}

function byteLen(v: bigint): number {
  let n = 0
  while (v > 0n) {
    n++
    v >>= 8n
  }
  return n
}

function load32(dv: DataView, off: number): bigint {
  return (
    (dv.getBigUint64(off) << 192n) |
    (dv.getBigUint64(off + 8) << 128n) |
    (dv.getBigUint64(off + 16) << 64n) |
    dv.getBigUint64(off + 24)
  )
}

function store32(dv: DataView, off: number, v: bigint): void {
  dv.setBigUint64(off, v >> 192n)
  dv.setBigUint64(off + 8, v >> 128n)
  dv.setBigUint64(off + 16, v >> 64n)
  dv.setBigUint64(off + 24, v)
}

const scratch = new Uint8Array(32)
const scratchDv = new DataView(scratch.buffer)

/** Big-endian bytes → bigint (any length ≤ 32). */
export function bytesToWord(b: Uint8Array, off = 0, len = b.length - off): bigint {
  if (len === 32 && off + 32 <= b.length) {
    scratch.set(b.subarray(off, off + 32))
    return load32(scratchDv, 0)
  }
  scratch.fill(0)
  const avail = Math.max(0, Math.min(len, b.length - off))
  scratch.set(b.subarray(off, off + avail), 32 - len)
  return load32(scratchDv, 0)
}

/** bigint → 32 big-endian bytes. */
export function wordToBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32)
  store32(new DataView(out.buffer), 0, v)
  return out
}

/** End offset of a memory range, 0 for empty ranges, -1 when the range cannot be paid for. */
function memEnd(off: bigint, size: bigint): number {
  if (size === 0n) return 0
  if (off > MAX_MEM || size > MAX_MEM) return -1
  return Number(off) + Number(size)
}

function memCost(bytes: number): number {
  const w = Math.ceil(bytes / 32)
  return 3 * w + Math.floor((w * w) / 512)
}

/** Charges and performs expansion to `end`; returns gas left or -1 for out of gas. */
function useMem(f: Frame, end: number, gas: number): number {
  if (end < 0) return -1
  if (end <= f.memLen) return gas
  const cost = memCost(end) - memCost(f.memLen)
  if (cost > gas) return -1
  const newLen = Math.ceil(end / 32) * 32
  if (newLen > f.mem.length) {
    let cap = Math.max(1024, f.mem.length * 2)
    while (cap < newLen) cap *= 2
    const m = new Uint8Array(cap)
    m.set(f.mem.subarray(0, f.memLen))
    f.mem = m
    f.dv = new DataView(m.buffer)
  }
  f.memLen = newLen
  return gas - cost
}

function copyPadded(dst: Uint8Array, dstOff: number, src: Uint8Array, srcOff: bigint, size: number): void {
  const start = srcOff > BigInt(src.length) ? src.length : Number(srcOff)
  const n = Math.min(size, src.length - start)
  if (n > 0) dst.set(src.subarray(start, start + n), dstOff)
  if (n < size) dst.fill(0, dstOff + Math.max(n, 0), dstOff + size)
}

/** Delegation designator target (EIP-7702: 0xef0100 ‖ address), or undefined. */
export function delegationTarget(code: Uint8Array): Address | undefined {
  if (code.length !== 23 || code[0] !== 0xef || code[1] !== 0x01 || code[2] !== 0x00) return undefined
  let s = '0x'
  for (let i = 3; i < 23; i++) s += code[i]!.toString(16).padStart(2, '0')
  return s as Address
}

/**
 * Runs `f` until it ends (returns its status) or needs a child frame (returns S_SUSPEND with
 * `f.child` set). Hot loop: locals for pc/gas/sp, one switch, no try/catch.
 */
export function interpret(env: ExecEnv, f: Frame): number {
  const stack = f.stack
  const code = f.code
  const codeLen = f.codeLen
  const table = env.table
  const baseGas = table.gas
  const minStack = table.minStack
  const maxStack = table.maxStack
  const tracer = env.tracer
  const ws = env.ws
  let pc = f.pc
  let gas = f.gas
  let sp = f.sp
  let st = S_RUN
  while (st === S_RUN) {
    const op = pc < codeLen ? code[pc]! : 0
    const g = baseGas[op]!
    if (tracer !== undefined && tracer.step !== undefined)
      tracer.step({
        pc,
        op,
        opName: table.names[op]!,
        gas,
        gasCost: g < 0 ? 0 : g,
        stack: stack.slice(0, sp),
        memSize: f.memLen,
        depth: f.depth + 1,
        refund: ws.refund,
        returnDataSize: f.returnData.length,
        memory: f.mem.subarray(0, f.memLen),
        returnData: f.returnData,
        address: f.acct.address,
      })
    if (g < 0) {
      st = S_INVALID
      break
    }
    if (sp < minStack[op]!) {
      st = S_UNDERFLOW
      break
    }
    if (sp > maxStack[op]!) {
      st = S_OVERFLOW
      break
    }
    if (gas < g) {
      st = S_OOG
      break
    }
    gas -= g
    switch (op) {
      case 0x00:
        st = S_STOP
        break
      case 0x01:
        sp--
        stack[sp - 1] = (stack[sp]! + stack[sp - 1]!) & MAX
        break
      case 0x02:
        sp--
        stack[sp - 1] = (stack[sp]! * stack[sp - 1]!) & MAX
        break
      case 0x03:
        sp--
        stack[sp - 1] = (stack[sp]! - stack[sp - 1]!) & MAX
        break
      case 0x04: {
        sp--
        const b = stack[sp - 1]!
        stack[sp - 1] = b === 0n ? 0n : stack[sp]! / b
        break
      }
      case 0x05: {
        sp--
        const b = stack[sp - 1]!
        stack[sp - 1] = b === 0n ? 0n : (toS(stack[sp]!) / toS(b)) & MAX
        break
      }
      case 0x06: {
        sp--
        const b = stack[sp - 1]!
        stack[sp - 1] = b === 0n ? 0n : stack[sp]! % b
        break
      }
      case 0x07: {
        sp--
        const b = stack[sp - 1]!
        stack[sp - 1] = b === 0n ? 0n : (toS(stack[sp]!) % toS(b)) & MAX
        break
      }
      case 0x08: {
        sp -= 2
        const n = stack[sp - 1]!
        stack[sp - 1] = n === 0n ? 0n : (stack[sp + 1]! + stack[sp]!) % n
        break
      }
      case 0x09: {
        sp -= 2
        const n = stack[sp - 1]!
        stack[sp - 1] = n === 0n ? 0n : (stack[sp + 1]! * stack[sp]!) % n
        break
      }
      case 0x0a: {
        sp--
        const e = stack[sp - 1]!
        const cost = 50 * byteLen(e)
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        stack[sp - 1] = expMod(stack[sp]!, e)
        break
      }
      case 0x0b: {
        sp--
        const b = stack[sp]!
        if (b < 31n) {
          const x = stack[sp - 1]!
          const bit = b * 8n + 7n
          const mask = (1n << (bit + 1n)) - 1n
          stack[sp - 1] = (x >> bit) & 1n ? x | (MAX ^ mask) : x & mask
        }
        break
      }
      case 0x10:
        sp--
        stack[sp - 1] = stack[sp]! < stack[sp - 1]! ? 1n : 0n
        break
      case 0x11:
        sp--
        stack[sp - 1] = stack[sp]! > stack[sp - 1]! ? 1n : 0n
        break
      case 0x12:
        sp--
        stack[sp - 1] = toS(stack[sp]!) < toS(stack[sp - 1]!) ? 1n : 0n
        break
      case 0x13:
        sp--
        stack[sp - 1] = toS(stack[sp]!) > toS(stack[sp - 1]!) ? 1n : 0n
        break
      case 0x14:
        sp--
        stack[sp - 1] = stack[sp]! === stack[sp - 1]! ? 1n : 0n
        break
      case 0x15:
        stack[sp - 1] = stack[sp - 1]! === 0n ? 1n : 0n
        break
      case 0x16:
        sp--
        stack[sp - 1] = stack[sp]! & stack[sp - 1]!
        break
      case 0x17:
        sp--
        stack[sp - 1] = stack[sp]! | stack[sp - 1]!
        break
      case 0x18:
        sp--
        stack[sp - 1] = stack[sp]! ^ stack[sp - 1]!
        break
      case 0x19:
        stack[sp - 1] = MAX ^ stack[sp - 1]!
        break
      case 0x1a: {
        sp--
        const i = stack[sp]!
        stack[sp - 1] = i < 32n ? (stack[sp - 1]! >> (248n - i * 8n)) & 0xffn : 0n
        break
      }
      case 0x1b: {
        sp--
        const s = stack[sp]!
        stack[sp - 1] = s < 256n ? (stack[sp - 1]! << s) & MAX : 0n
        break
      }
      case 0x1c: {
        sp--
        const s = stack[sp]!
        stack[sp - 1] = s < 256n ? stack[sp - 1]! >> s : 0n
        break
      }
      case 0x1d: {
        sp--
        const s = stack[sp]!
        const v = toS(stack[sp - 1]!)
        stack[sp - 1] = (s < 256n ? v >> s : v < 0n ? -1n : 0n) & MAX
        break
      }
      case 0x20: {
        sp--
        const off = stack[sp]!
        const size = stack[sp - 1]!
        const end = memEnd(off, size)
        if (end < 0) {
          st = S_OOG
          break
        }
        const words = Math.ceil(Number(size) / 32)
        if (gas < 6 * words) {
          st = S_OOG
          break
        }
        gas = useMem(f, end, gas - 6 * words)
        if (gas < 0) {
          st = S_OOG
          break
        }
        const o = end === 0 ? 0 : Number(off)
        stack[sp - 1] = bytesToWord(keccak256(f.mem.subarray(o, end === 0 ? 0 : end)))
        break
      }
      case 0x30:
        stack[sp++] = f.addressBig
        break
      case 0x31: {
        const a = toAddress(stack[sp - 1]!)
        const cost = ws.warmAddress(a) ? 2600 : 100
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        stack[sp - 1] = ws.get(a).balance
        break
      }
      case 0x32:
        stack[sp++] = env.origin
        break
      case 0x33:
        stack[sp++] = f.callerBig
        break
      case 0x34:
        stack[sp++] = f.value
        break
      case 0x35: {
        const i = stack[sp - 1]!
        const input = f.input
        stack[sp - 1] = i >= BigInt(input.length) ? 0n : bytesToWord(input, Number(i), 32)
        break
      }
      case 0x36:
        stack[sp++] = BigInt(f.input.length)
        break
      case 0x37:
      case 0x39:
      case 0x3e: {
        sp -= 3
        const memOff = stack[sp + 2]!
        const srcOff = stack[sp + 1]!
        const size = stack[sp]!
        const src = op === 0x37 ? f.input : op === 0x39 ? code.subarray(0, codeLen) : f.returnData
        if (op === 0x3e && srcOff + size > BigInt(src.length)) {
          st = S_RETURNDATA
          break
        }
        const end = memEnd(memOff, size)
        if (end < 0) {
          st = S_OOG
          break
        }
        const words = Math.ceil(Number(size) / 32)
        if (gas < 3 * words) {
          st = S_OOG
          break
        }
        gas = useMem(f, end, gas - 3 * words)
        if (gas < 0) {
          st = S_OOG
          break
        }
        if (end > 0) copyPadded(f.mem, Number(memOff), src, srcOff, Number(size))
        break
      }
      case 0x38:
        stack[sp++] = BigInt(codeLen)
        break
      case 0x3a:
        stack[sp++] = env.gasPrice
        break
      case 0x3b: {
        const a = toAddress(stack[sp - 1]!)
        const cost = ws.warmAddress(a) ? 2600 : 100
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        const acct = ws.get(a)
        stack[sp - 1] = acct.codeHash === KECCAK256_EMPTY ? 0n : BigInt(ws.code(acct).length)
        break
      }
      case 0x3c: {
        sp -= 4
        const a = toAddress(stack[sp + 3]!)
        const memOff = stack[sp + 2]!
        const srcOff = stack[sp + 1]!
        const size = stack[sp]!
        const end = memEnd(memOff, size)
        if (end < 0) {
          st = S_OOG
          break
        }
        const cost = 3 * Math.ceil(Number(size) / 32) + (ws.warmAddress(a) ? 2600 : 100)
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas = useMem(f, end, gas - cost)
        if (gas < 0) {
          st = S_OOG
          break
        }
        if (end > 0) copyPadded(f.mem, Number(memOff), ws.code(ws.get(a)), srcOff, Number(size))
        break
      }
      case 0x3d:
        stack[sp++] = BigInt(f.returnData.length)
        break
      case 0x3f: {
        const a = toAddress(stack[sp - 1]!)
        const cost = ws.warmAddress(a) ? 2600 : 100
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        const acct = ws.get(a)
        stack[sp - 1] = acct.isDead() ? 0n : BigInt(acct.codeHash)
        break
      }
      case 0x40: {
        const n = stack[sp - 1]!
        stack[sp - 1] = n < env.number && n + 256n >= env.number ? env.blockHash(n) : 0n
        break
      }
      case 0x41:
        stack[sp++] = env.coinbase
        break
      case 0x42:
        stack[sp++] = env.timestamp
        break
      case 0x43:
        stack[sp++] = env.number
        break
      case 0x44:
        stack[sp++] = env.prevRandao
        break
      case 0x45:
        stack[sp++] = env.gasLimit
        break
      case 0x46:
        stack[sp++] = env.chainId
        break
      case 0x47:
        stack[sp++] = f.acct.balance
        break
      case 0x48:
        stack[sp++] = env.baseFee
        break
      case 0x49: {
        const i = stack[sp - 1]!
        stack[sp - 1] = i < BigInt(env.blobHashes.length) ? env.blobHashes[Number(i)]! : 0n
        break
      }
      case 0x4a:
        stack[sp++] = env.blobBaseFee
        break
      case 0x50:
        sp--
        break
      case 0x51: {
        const off = stack[sp - 1]!
        if (off > MAX_MEM) {
          st = S_OOG
          break
        }
        const o = Number(off)
        gas = useMem(f, o + 32, gas)
        if (gas < 0) {
          st = S_OOG
          break
        }
        stack[sp - 1] = load32(f.dv, o)
        break
      }
      case 0x52: {
        sp -= 2
        const off = stack[sp + 1]!
        if (off > MAX_MEM) {
          st = S_OOG
          break
        }
        const o = Number(off)
        gas = useMem(f, o + 32, gas)
        if (gas < 0) {
          st = S_OOG
          break
        }
        store32(f.dv, o, stack[sp]!)
        break
      }
      case 0x53: {
        sp -= 2
        const off = stack[sp + 1]!
        if (off > MAX_MEM) {
          st = S_OOG
          break
        }
        const o = Number(off)
        gas = useMem(f, o + 1, gas)
        if (gas < 0) {
          st = S_OOG
          break
        }
        f.mem[o] = Number(stack[sp]! & 0xffn)
        break
      }
      case 0x54: {
        const slot = stack[sp - 1]!
        const cost = ws.warmSlot(f.acct, slot) ? 2100 : 100
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        stack[sp - 1] = ws.sload(f.acct, slot)
        break
      }
      case 0x55: {
        if (f.isStatic) {
          st = S_STATIC
          break
        }
        if (gas <= 2300) {
          st = S_OOG
          break
        }
        sp -= 2
        const slot = stack[sp + 1]!
        const val = stack[sp]!
        const acct = f.acct
        let cost = ws.warmSlot(acct, slot) ? 2100 : 0
        const cur = ws.sload(acct, slot)
        const orig = ws.original(acct, slot)
        if (cur === val) cost += 100
        else if (orig === cur) cost += orig === 0n ? 20000 : 2900
        else cost += 100
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        if (cur !== val) {
          if (orig === cur) {
            if (orig !== 0n && val === 0n) ws.refund += 4800
          } else {
            if (orig !== 0n) {
              if (cur === 0n) ws.refund -= 4800
              else if (val === 0n) ws.refund += 4800
            }
            if (orig === val) ws.refund += orig === 0n ? 19900 : 2800
          }
          ws.sstore(acct, slot, val)
        }
        break
      }
      case 0x56: {
        const d = stack[--sp]!
        if (d >= BigInt(codeLen) || f.jumpdests[Number(d)] !== 1) {
          st = S_BADJUMP
          break
        }
        pc = Number(d)
        continue
      }
      case 0x57: {
        sp -= 2
        if (stack[sp]! !== 0n) {
          const d = stack[sp + 1]!
          if (d >= BigInt(codeLen) || f.jumpdests[Number(d)] !== 1) {
            st = S_BADJUMP
            break
          }
          pc = Number(d)
          continue
        }
        break
      }
      case 0x58:
        stack[sp++] = BigInt(pc)
        break
      case 0x59:
        stack[sp++] = BigInt(f.memLen)
        break
      case 0x5a:
        stack[sp++] = BigInt(gas)
        break
      case 0x5b:
        break
      case 0x5c:
        stack[sp - 1] = ws.tload(f.acct, stack[sp - 1]!)
        break
      case 0x5d:
        if (f.isStatic) {
          st = S_STATIC
          break
        }
        sp -= 2
        ws.tstore(f.acct, stack[sp + 1]!, stack[sp]!)
        break
      case 0x5e: {
        sp -= 3
        const dst = stack[sp + 2]!
        const src = stack[sp + 1]!
        const size = stack[sp]!
        const end = memEnd(dst > src ? dst : src, size)
        if (end < 0) {
          st = S_OOG
          break
        }
        const words = Math.ceil(Number(size) / 32)
        if (gas < 3 * words) {
          st = S_OOG
          break
        }
        gas = useMem(f, end, gas - 3 * words)
        if (gas < 0) {
          st = S_OOG
          break
        }
        if (end > 0) f.mem.copyWithin(Number(dst), Number(src), Number(src) + Number(size))
        break
      }
      case 0x5f:
        stack[sp++] = 0n
        break
      case 0xa0:
      case 0xa1:
      case 0xa2:
      case 0xa3:
      case 0xa4: {
        if (f.isStatic) {
          st = S_STATIC
          break
        }
        const n = op - 0xa0
        const off = stack[sp - 1]!
        const size = stack[sp - 2]!
        const end = memEnd(off, size)
        if (end < 0 || size > BigInt(gas)) {
          st = S_OOG
          break
        }
        const cost = 8 * Number(size)
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas = useMem(f, end, gas - cost)
        if (gas < 0) {
          st = S_OOG
          break
        }
        const topics: Uint8Array[] = []
        for (let i = 0; i < n; i++) topics.push(wordToBytes(stack[sp - 3 - i]!))
        sp -= 2 + n
        const log = {
          address: f.acct.address,
          topics,
          data: end === 0 ? EMPTY : f.mem.slice(Number(off), end),
        }
        env.logs.push(log)
        if (tracer !== undefined) tracer.log?.({ ...log, depth: f.depth + 1 })
        break
      }
      case 0xf0:
      case 0xf5:
      case 0xf1:
      case 0xf2:
      case 0xf4:
      case 0xfa: {
        f.pc = pc + 1
        f.gas = gas
        f.sp = sp
        st = op === 0xf0 || op === 0xf5 ? opCreate(env, f, op) : opCall(env, f, op)
        pc = f.pc
        gas = f.gas
        sp = f.sp
        if (st === S_RUN) continue
        if (st === S_SUSPEND) {
          f.status = S_RUN
          return S_SUSPEND
        }
        break
      }
      case 0xf3:
      case 0xfd: {
        sp -= 2
        const off = stack[sp + 1]!
        const size = stack[sp]!
        const end = memEnd(off, size)
        gas = useMem(f, end, gas)
        if (gas < 0) {
          st = S_OOG
          break
        }
        f.output = end === 0 ? EMPTY : f.mem.slice(Number(off), end)
        st = op === 0xf3 ? S_RETURN : S_REVERT
        break
      }
      case 0xff: {
        if (f.isStatic) {
          st = S_STATIC
          break
        }
        const a = toAddress(stack[--sp]!)
        let cost = ws.warmAddress(a) ? 2600 : 0
        const self = f.acct
        const ben = ws.get(a)
        if (self.balance > 0n && ben.isDead()) cost += 25000
        if (gas < cost) {
          st = S_OOG
          break
        }
        gas -= cost
        const bal = self.balance
        if (!env.isCancun || self.createdInTx) {
          if (ben !== self) ws.addBalance(ben, bal)
          else ws.touch(ben)
          ws.setBalance(self, 0n)
          ws.markDestructed(self)
        } else if (ben !== self) {
          ws.addBalance(ben, bal)
          ws.setBalance(self, 0n)
        } else ws.touch(ben)
        st = S_STOP
        break
      }
      default: {
        if (op >= 0x60 && op <= 0x7f) {
          stack[sp++] = f.pushes[pc]!
          pc += op - 0x5e
          continue
        }
        if (op >= 0x80 && op <= 0x8f) {
          stack[sp] = stack[sp - (op - 0x7f)]!
          sp++
          break
        }
        if (op >= 0x90 && op <= 0x9f) {
          const j = sp - 2 - (op - 0x90)
          const t = stack[sp - 1]!
          stack[sp - 1] = stack[j]!
          stack[j] = t
          break
        }
        st = S_INVALID
        break
      }
    }
    pc++
  }
  f.pc = pc
  f.gas = st >= S_OOG ? 0 : gas
  f.sp = sp
  f.status = st
  return st
}

function popCallArgs(f: Frame, hasValue: boolean) {
  const s = f.stack
  let sp = f.sp
  const gasReq = s[--sp]!
  const to = s[--sp]!
  const value = hasValue ? s[--sp]! : 0n
  const inOff = s[--sp]!
  const inSize = s[--sp]!
  const outOff = s[--sp]!
  const outSize = s[--sp]!
  f.sp = sp
  return { gasReq, to, value, inOff, inSize, outOff, outSize }
}

function pushResult(f: Frame, v: bigint): void {
  f.stack[f.sp++] = v
}

/** CALL / CALLCODE / DELEGATECALL / STATICCALL. Returns S_RUN (done inline), S_SUSPEND or a halt. */
function opCall(env: ExecEnv, f: Frame, op: number): number {
  const ws = env.ws
  const {
    gasReq,
    to: rawTo,
    value,
    inOff,
    inSize,
    outOff,
    outSize,
  } = popCallArgs(f, op === 0xf1 || op === 0xf2)
  const to = rawTo & ADDR_MASK
  if (op === 0xf1 && f.isStatic && value !== 0n) return S_STATIC
  const inEnd = memEnd(inOff, inSize)
  const outEnd = memEnd(outOff, outSize)
  if (inEnd < 0 || outEnd < 0) return S_OOG
  let gas = useMem(f, inEnd > outEnd ? inEnd : outEnd, f.gas)
  if (gas < 0) return S_OOG
  const target = toAddress(to)
  let cost = ws.warmAddress(target) ? 2600 : 100
  const targetAcct = ws.get(target)
  if (value !== 0n) {
    cost += 9000
    if (op === 0xf1 && targetAcct.isDead()) cost += 25000
  }
  // EIP-7702: calls into a delegated account run the delegate's code and pay for touching it.
  let codeAcct = targetAcct
  let delegated = false
  if (env.isPrague && targetAcct.codeHash !== KECCAK256_EMPTY) {
    const d = delegationTarget(ws.code(targetAcct))
    if (d !== undefined) {
      cost += ws.warmAddress(d) ? 2600 : 100
      codeAcct = ws.get(d)
      delegated = true
    }
  }
  if (gas < cost) return S_OOG
  gas -= cost
  const cap = gas - Math.floor(gas / 64)
  let callGas = gasReq < BigInt(cap) ? Number(gasReq) : cap
  gas -= callGas
  if (value !== 0n) callGas += 2300
  f.gas = gas
  f.retOff = outEnd === 0 ? 0 : Number(outOff)
  f.retSize = outEnd === 0 ? 0 : Number(outSize)
  // A view, not a copy: the caller's memory cannot change while the callee runs (the caller is
  // suspended), and the callee never outlives the call. Copying made 50k-call tests quadratic.
  const input = inEnd === 0 ? EMPTY : f.mem.subarray(Number(inOff), inEnd)
  const tracer = env.tracer
  const traced = tracer !== undefined && tracer.enter !== undefined
  if (traced)
    tracer.enter!({
      type: callType(op),
      from: f.acct.address,
      to: target,
      input,
      gas: callGas,
      value: op === 0xf4 ? f.value : op === 0xfa ? 0n : value,
      depth: f.depth + 2,
    })
  if (f.depth >= CALL_DEPTH || ((op === 0xf1 || op === 0xf2) && value > f.acct.balance)) {
    f.gas += callGas
    f.returnData = EMPTY
    pushResult(f, 0n)
    if (traced)
      traceExit(
        env,
        f.depth + 2,
        EMPTY,
        callGas,
        f.depth >= CALL_DEPTH ? 'max call depth exceeded' : 'insufficient balance for transfer',
      )
    return S_RUN
  }
  const execAcct = op === 0xf1 || op === 0xfa ? targetAcct : f.acct
  const caller = op === 0xf4 ? f.caller : f.acct.address
  const callValue = op === 0xf4 ? f.value : value
  const isStatic = f.isStatic || op === 0xfa
  const checkpoint = ws.checkpoint()
  const pre = delegated ? undefined : precompileAt(env, to)
  if (op === 0xf1) {
    if (!targetAcct.exists && value === 0n && pre === undefined) {
      // Nothing to run and nothing to create (EIP-158): the call succeeds without touching state.
      if (codeAcct.codeHash === KECCAK256_EMPTY) {
        f.gas += callGas
        f.returnData = EMPTY
        pushResult(f, 1n)
        if (traced) traceExit(env, f.depth + 2, EMPTY, callGas, undefined)
        return S_RUN
      }
    }
    if (value !== 0n || targetAcct.exists || pre !== undefined) transfer(ws, f.acct, targetAcct, value)
  } else if (op === 0xfa && targetAcct.exists) ws.touch(targetAcct) // geth touches STATICCALL targets (AddBalance 0)
  if (pre !== undefined) {
    const r = pre(input, callGas)
    if (r.ok) {
      f.gas += callGas - r.gasUsed
      f.returnData = r.output
      copyOut(f, r.output)
      pushResult(f, 1n)
      if (traced) traceExit(env, f.depth + 2, r.output, callGas - r.gasUsed, undefined)
    } else {
      ws.revert(checkpoint)
      f.returnData = EMPTY
      pushResult(f, 0n)
      if (traced) traceExit(env, f.depth + 2, EMPTY, 0, 'out of gas')
    }
    return S_RUN
  }
  const code = ws.code(codeAcct)
  if (code.length === 0) {
    f.gas += callGas
    f.returnData = EMPTY
    pushResult(f, 1n)
    if (traced) traceExit(env, f.depth + 2, EMPTY, callGas, undefined)
    return S_RUN
  }
  const child = new Frame(
    analyzeCodeCached(codeAcct.codeHash, code),
    callGas,
    execAcct,
    caller,
    callValue,
    input,
    isStatic,
    f.depth + 1,
    false,
  )
  child.checkpoint = checkpoint
  child.refundStart = ws.refund
  child.logsStart = env.logs.length
  f.child = child
  return S_SUSPEND
}

function transfer(ws: WorldState, from: Acct, to: Acct, value: bigint): void {
  if (value !== 0n) {
    ws.setBalance(from, from.balance - value)
    ws.addBalance(to, value)
  } else {
    ws.touch(to)
    if (!to.exists) ws.addBalance(to, 0n)
  }
}

function copyOut(f: Frame, out: Uint8Array): void {
  const n = Math.min(f.retSize, out.length)
  if (n > 0) f.mem.set(out.subarray(0, n), f.retOff)
}

export function precompileAt(env: ExecEnv, to: bigint): Precompile | undefined {
  if (to > 0n && to <= 0x11n) return env.precompiles.get(Number(to))
  return env.custom === undefined ? undefined : env.custom.get(to)
}

/** keccak256(rlp([sender, nonce]))[12:] */
export function createAddress(sender: Address, nonce: bigint): Address {
  const a = hexToBytes20(sender)
  let n: Uint8Array
  if (nonce === 0n) n = new Uint8Array([0x80])
  else if (nonce < 0x80n) n = new Uint8Array([Number(nonce)])
  else {
    let h = nonce.toString(16)
    if (h.length % 2) h = `0${h}`
    const len = h.length / 2
    n = new Uint8Array(1 + len)
    n[0] = 0x80 + len
    for (let i = 0; i < len; i++) n[1 + i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16)
  }
  const payloadLen = 21 + n.length
  const buf = new Uint8Array(1 + payloadLen)
  buf[0] = 0xc0 + payloadLen
  buf[1] = 0x94
  buf.set(a, 2)
  buf.set(n, 22)
  return bytesToAddress(keccak256(buf).subarray(12))
}

/** keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:] */
export function create2Address(sender: Address, salt: bigint, initcode: Uint8Array): Address {
  const buf = new Uint8Array(85)
  buf[0] = 0xff
  buf.set(hexToBytes20(sender), 1)
  buf.set(wordToBytes(salt), 21)
  buf.set(keccak256(initcode), 53)
  return bytesToAddress(keccak256(buf).subarray(12))
}

function hexToBytes20(a: Address): Uint8Array {
  const out = new Uint8Array(20)
  for (let i = 0; i < 20; i++) out[i] = Number.parseInt(a.slice(2 + 2 * i, 4 + 2 * i), 16)
  return out
}

function bytesToAddress(b: Uint8Array): Address {
  let s = '0x'
  for (let i = 0; i < 20; i++) s += b[i]!.toString(16).padStart(2, '0')
  return s as Address
}

function opCreate(env: ExecEnv, f: Frame, op: number): number {
  const ws = env.ws
  const s = f.stack
  let sp = f.sp
  const value = s[--sp]!
  const off = s[--sp]!
  const size = s[--sp]!
  const salt = op === 0xf5 ? s[--sp]! : 0n
  f.sp = sp
  if (f.isStatic) return S_STATIC
  const end = memEnd(off, size)
  if (end < 0) return S_OOG
  if (size > BigInt(MAX_INITCODE_SIZE)) return S_OOG
  const words = Math.ceil(Number(size) / 32)
  let gas = f.gas
  const cost = 2 * words + (op === 0xf5 ? 6 * words : 0)
  if (gas < cost) return S_OOG
  gas = useMem(f, end, gas - cost)
  if (gas < 0) return S_OOG
  f.gas = gas
  const initcode = end === 0 ? EMPTY : f.mem.slice(Number(off), end)
  f.returnData = EMPTY
  const creator = f.acct
  const tracer = env.tracer
  const traced = tracer !== undefined && tracer.enter !== undefined
  if (f.depth >= CALL_DEPTH || value > creator.balance || creator.nonce >= 0xffffffffffffffffn) {
    pushResult(f, 0n)
    if (traced) {
      const to =
        op === 0xf0
          ? createAddress(creator.address, creator.nonce)
          : create2Address(creator.address, salt, initcode)
      const type = op === 0xf0 ? 'CREATE' : 'CREATE2'
      tracer.enter!({ type, from: creator.address, to, input: initcode, gas, value, depth: f.depth + 2 })
      traceExit(
        env,
        f.depth + 2,
        EMPTY,
        gas,
        f.depth >= CALL_DEPTH
          ? 'max call depth exceeded'
          : value > creator.balance
            ? 'insufficient balance for transfer'
            : 'nonce uint64 overflow',
      )
    }
    return S_RUN
  }
  const addr =
    op === 0xf0
      ? createAddress(creator.address, creator.nonce)
      : create2Address(creator.address, salt, initcode)
  ws.setNonce(creator, creator.nonce + 1n)
  ws.warmAddress(addr)
  const callGas = gas - Math.floor(gas / 64)
  f.gas = gas - callGas
  if (traced)
    tracer.enter!({
      type: op === 0xf0 ? 'CREATE' : 'CREATE2',
      from: creator.address,
      to: addr,
      input: initcode,
      gas: callGas,
      value,
      depth: f.depth + 2,
    })
  const child = startCreate(env, creator, addr, value, initcode, callGas, f.depth + 1)
  if (child === undefined) {
    pushResult(f, 0n)
    if (traced) traceExit(env, f.depth + 2, EMPTY, 0, 'contract address collision')
    return S_RUN
  }
  if (typeof child === 'number') {
    // Empty initcode: success with empty code, gas returned.
    f.gas += child
    pushResult(f, BigInt(addr))
    if (traced) traceExit(env, f.depth + 2, EMPTY, child, undefined)
    return S_RUN
  }
  f.child = child
  return S_SUSPEND
}

/**
 * Prepares a contract creation at `addr`: collision check (EIP-684/7610), account creation and
 * value transfer. Returns the frame to run, the gas left (number) when there is no code to run, or
 * undefined on collision (the gas is consumed).
 */
export function startCreate(
  env: ExecEnv,
  creator: Acct,
  addr: Address,
  value: bigint,
  initcode: Uint8Array,
  gas: number,
  depth: number,
): Frame | number | undefined {
  const ws = env.ws
  const target = ws.get(addr)
  if (
    target.nonce !== 0n ||
    target.codeHash !== KECCAK256_EMPTY ||
    (!target.cleared && target.exists && ws.reader.hasStorage?.(addr) === true) ||
    hasDirtyStorage(target)
  )
    return undefined
  const checkpoint = ws.checkpoint()
  ws.createContract(target)
  if (value !== 0n) {
    ws.setBalance(creator, creator.balance - value)
    ws.addBalance(target, value)
  }
  const frame = new Frame(
    analyzeCode(initcode),
    gas,
    target,
    creator.address,
    value,
    EMPTY,
    false,
    depth,
    true,
  )
  frame.checkpoint = checkpoint
  frame.refundStart = ws.refund
  frame.logsStart = env.logs.length
  if (initcode.length === 0) {
    return gas
  }
  return frame
}

function hasDirtyStorage(a: Acct): boolean {
  for (const v of a.storage.values()) if (v !== 0n) return true
  return false
}

/** Applies the end of a frame: code deposit for creates, journal revert on failure. */
export function finishFrame(env: ExecEnv, f: Frame, status: number): void {
  const ws = env.ws
  if (status === S_STOP || status === S_RETURN) {
    if (f.isCreate) {
      const out = f.output
      let err = 0
      if (out.length > MAX_CODE_SIZE) err = S_CODESIZE
      else if (out.length > 0 && out[0] === 0xef) err = S_CODEPREFIX
      else {
        const cost = 200 * out.length
        if (f.gas < cost) err = S_OOG
        else f.gas -= cost
      }
      if (err !== 0) {
        status = err
      } else {
        ws.setCode(f.acct, out)
        f.status = status
        return
      }
    } else {
      f.status = status
      return
    }
  }
  ws.revert(f.checkpoint)
  ws.refund = f.refundStart
  env.logs.length = f.logsStart
  if (status !== S_REVERT) {
    f.gas = 0
    f.output = EMPTY
  }
  f.status = status
}

/** Hands a finished child's results to its parent. */
function resumeParent(parent: Frame, child: Frame): void {
  parent.gas += child.gas
  const ok = child.status === S_STOP || child.status === S_RETURN
  if (child.isCreate) {
    parent.returnData = child.status === S_REVERT ? child.output : EMPTY
    pushResult(parent, ok ? child.addressBig : 0n)
  } else {
    parent.returnData = child.output
    copyOut(parent, child.output)
    pushResult(parent, ok ? 1n : 0n)
  }
}

function callType(op: number): FrameType {
  return op === 0xf1 ? 'CALL' : op === 0xf2 ? 'CALLCODE' : op === 0xf4 ? 'DELEGATECALL' : 'STATICCALL'
}

/** geth's error text of a failed frame status. */
export function frameError(status: number): string {
  switch (status) {
    case S_REVERT:
      return 'execution reverted'
    case S_OOG:
      return 'out of gas'
    case S_INVALID:
      return 'invalid opcode'
    case S_UNDERFLOW:
      return 'stack underflow'
    case S_OVERFLOW:
      return 'stack limit reached 1024 (1023)'
    case S_BADJUMP:
      return 'invalid jump destination'
    case S_STATIC:
      return 'write protection'
    case S_RETURNDATA:
      return 'return data out of bounds'
    case S_CODESIZE:
      return 'max code size exceeded'
    case S_CODEPREFIX:
      return 'invalid code: must not begin with 0xef'
    case S_COLLISION:
      return 'contract address collision'
    case S_INITCODESIZE:
      return 'max initcode size exceeded'
    default:
      return haltName(status) ?? 'execution failed'
  }
}

function traceExit(
  env: ExecEnv,
  depth: number,
  output: Uint8Array,
  gasLeft: number,
  error: string | undefined,
): void {
  env.tracer?.exit?.({ depth, output, gasLeft, error, reverted: error === 'execution reverted' })
}

/** Runs `root` and all its descendants on an explicit frame stack; `root` holds the result. */
export function runFrames(env: ExecEnv, root: Frame): void {
  const frames: Frame[] = []
  let f = root
  for (;;) {
    const st = interpret(env, f)
    if (st === S_SUSPEND) {
      frames.push(f)
      const c = f.child!
      f.child = undefined
      f = c
      continue
    }
    finishFrame(env, f, st)
    const parent = frames.pop()
    if (parent === undefined) return
    if (env.tracer !== undefined && env.tracer.exit !== undefined) {
      const s = f.status
      const ok = s === S_STOP || s === S_RETURN
      traceExit(env, f.depth + 1, f.output, f.gas, ok ? undefined : frameError(s))
    }
    resumeParent(parent, f)
    f = parent
  }
}

/** Fork flags used by the interpreter. */
export function forkFlags(fork: Hardfork) {
  return {
    table: opcodeTableFor(fork),
    isCancun: isForkAtLeast(fork, 'Cancun'),
    isPrague: isForkAtLeast(fork, 'Prague'),
  }
}
