import { type Address, bytesToHex, type Hex, type TxResult } from '@metis-sdk/primitives'
import type { Tracer } from '@metis-sdk/vm'

const hex = (n: number | bigint) => `0x${n.toString(16)}` as Hex
const word64 = (v: bigint) => v.toString(16).padStart(64, '0')

/** geth's error text for the VM's halt reasons (TxResult.haltReason). */
const HALT_TEXT: Record<string, string> = {
  OutOfGas: 'out of gas',
  InvalidOpcode: 'invalid opcode',
  StackUnderflow: 'stack underflow',
  StackOverflow: 'stack limit reached 1024 (1023)',
  InvalidJump: 'invalid jump destination',
  StateChangeDuringStaticCall: 'write protection',
  ReturnDataOutOfBounds: 'return data out of bounds',
  CodeSizeLimit: 'max code size exceeded',
  InvalidCodePrefix: 'invalid code: must not begin with 0xef',
  CreateCollision: 'contract address collision',
  InitcodeSizeLimit: 'max initcode size exceeded',
}
export function haltText(reason: string | undefined): string {
  return (reason && HALT_TEXT[reason]) ?? (reason ?? 'execution failed').toLowerCase()
}

type StructLog = {
  pc: number
  op: string
  gas: number
  gasCost: number
  depth: number
  stack?: Hex[]
  memory?: string[]
  storage?: Record<string, string>
  refund?: number
  /** geth's text, on the step that failed before it ran: out of gas, stack underflow/overflow. */
  error?: string
}

/**
 * Whether geth reports a frame's failure on its last struct-log step: only failures found before
 * the opcode runs (gas, stack checks). Faults while it runs (revert, invalid jump or opcode, write
 * protection, return data bounds) leave the step without `error`, as in geth.
 */
const failsBeforeRunning = (error: string | undefined) =>
  error !== undefined && (error === 'out of gas' || error.startsWith('stack '))

const OP_RETURN = 0xf3
const OP_REVERT = 0xfd
const OP_SLOAD = 0x54
const OP_SSTORE = 0x55
const isCallOp = (op: number) => op === 0xf1 || op === 0xf2 || op === 0xf4 || op === 0xfa
const isCreateOp = (op: number) => op === 0xf0 || op === 0xf5
const memWords = (bytes: number) => Math.ceil(bytes / 32)
const memCost = (bytes: number) => {
  const w = memWords(bytes)
  return 3 * w + Math.floor((w * w) / 512)
}

/**
 * geth's default struct logger: one entry per executed opcode with `pc`, `op`, `gas`, `gasCost`,
 * `depth`, `stack` (unless disableStack), `memory` (32-byte words, with enableMemory), `storage`
 * (on SLOAD/SSTORE, the slots of the current contract seen so far, unless disableStorage) and
 * `refund`. `gasCost` is the full cost, dynamic parts included (memory expansion, cold access,
 * SSTORE, and for CALL* the gas handed to the callee, as geth reports it): it is taken from the gas
 * left at the next opcode of the same frame, corrected by what a callee gave back; the last opcode
 * of a frame (RETURN/REVERT) gets its memory expansion computed from its arguments.
 */
export function createStructLogger(
  options: {
    disableStack?: boolean | undefined
    disableStorage?: boolean | undefined
    enableMemory?: boolean | undefined
    limit?: number | undefined
  } = {},
) {
  const logs: StructLog[] = []
  const limit = options.limit && options.limit > 0 ? options.limit : 100_000
  // per depth: the frame's last opcode, waiting for its real cost
  type Pending = {
    log: StructLog | undefined
    info: { op: number; gas: number; stack: bigint[]; memSize: number }
  }
  const pending: (Pending | undefined)[] = []
  const childGas: number[] = []
  const childLeft: (number | undefined)[] = []
  const storage = new Map<Address, Record<string, string>>()
  let sload: { log: StructLog | undefined; address: Address; key: string; depth: number } | undefined

  const settleLast = (p: Pending) => {
    if (!p.log) return
    const { op, stack, memSize } = p.info
    if (op === OP_RETURN || op === OP_REVERT) {
      const off = stack[stack.length - 1] ?? 0n
      const size = stack[stack.length - 2] ?? 0n
      if (size > 0n && off + size < 1n << 32n) {
        const end = Number(off + size)
        p.log.gasCost = end > memSize ? memCost(end) - memCost(memSize) : 0
      } else p.log.gasCost = 0
    }
  }
  const tracer: Tracer = {
    step(info) {
      const d = info.depth
      const prev = pending[d]
      if (prev) {
        if (prev.log) {
          let cost = prev.info.gas - info.gas
          const left = childLeft[d]
          if (left !== undefined) {
            cost += left
            if (isCreateOp(prev.info.op)) cost -= childGas[d] ?? 0
          }
          prev.log.gasCost = cost
        }
        childLeft[d] = undefined
      }
      if (sload && sload.depth === d) {
        const value = word64(info.stack[info.stack.length - 1] ?? 0n)
        const slots = storage.get(sload.address) ?? {}
        slots[sload.key] = value
        storage.set(sload.address, slots)
        if (sload.log?.storage) sload.log.storage[sload.key] = value
        sload = undefined
      }
      let log: StructLog | undefined
      if (logs.length < limit) {
        log = { pc: info.pc, op: info.opName, gas: info.gas, gasCost: info.gasCost, depth: d }
        if (!options.disableStack) log.stack = info.stack.map((v) => hex(v))
        if (options.enableMemory) {
          const mem = info.memory
          const words: string[] = []
          for (let i = 0; i < mem.length; i += 32) words.push(bytesToHex(mem.subarray(i, i + 32)).slice(2))
          log.memory = words
        }
        if (info.refund) log.refund = info.refund
        logs.push(log)
      }
      if (!options.disableStorage && (info.op === OP_SLOAD || info.op === OP_SSTORE)) {
        const s = info.stack
        if (s.length >= (info.op === OP_SLOAD ? 1 : 2)) {
          const key = word64(s[s.length - 1]!)
          const slots = storage.get(info.address) ?? {}
          storage.set(info.address, slots)
          if (info.op === OP_SSTORE) slots[key] = word64(s[s.length - 2]!)
          else sload = { log, address: info.address, key, depth: d }
          if (log) log.storage = { ...slots }
        }
      }
      pending[d] = {
        log,
        info: { op: info.op, gas: info.gas, stack: info.stack, memSize: info.memSize },
      }
    },
    enter(info) {
      childGas[info.depth - 1] = info.gas
      childLeft[info.depth - 1] = undefined
    },
    exit(info) {
      const p = pending[info.depth]
      if (p) {
        settleLast(p)
        if (p.log && failsBeforeRunning(info.error)) p.log.error = info.error
      }
      pending[info.depth] = undefined
      childLeft[info.depth - 1] = info.gasLeft
      if (sload?.depth === info.depth) sload = undefined
    },
  }
  const result = (r: TxResult) => {
    const top = pending[1]
    if (top) {
      settleLast(top)
      const error = r.status === 'halt' ? haltText(r.haltReason) : undefined
      if (top.log && failsBeforeRunning(error)) top.log.error = error
    }
    return {
      gas: Number(r.gasUsed),
      failed: r.status !== 'success',
      returnValue: bytesToHex(r.output).slice(2),
      structLogs: logs,
    }
  }
  return { tracer, result }
}

type CallFrame = {
  type: string
  from: Address
  to?: Address | undefined
  value?: Hex | undefined
  gas: Hex
  gasUsed: Hex
  input: Hex
  output?: Hex | undefined
  error?: string | undefined
  revertReason?: string | undefined
  calls?: CallFrame[] | undefined
  logs?: CallLog[] | undefined
}

/** A log in geth's callTracer `withLog` shape; `position` counts the frame's calls made before it. */
type CallLog = { address: Address; topics: Hex[]; data: Hex; position: Hex }

/** geth's clearFailedLogs: a frame that failed, or whose ancestor failed, keeps no logs. */
function clearFailedLogs(frame: CallFrame, parentFailed: boolean): void {
  const failed = parentFailed || frame.error !== undefined
  if (failed) delete frame.logs
  for (const call of frame.calls ?? []) clearFailedLogs(call, failed)
}

/** geth's callFrame.processOutput: output on success (omitted when empty), error and revert data on failure. */
function processOutput(
  frame: CallFrame,
  output: Uint8Array,
  error: string | undefined,
  decodeReason: (out: Uint8Array) => string | undefined,
): void {
  if (error === undefined) {
    if (output.length > 0) frame.output = bytesToHex(output)
    return
  }
  frame.error = error
  if (frame.type === 'CREATE' || frame.type === 'CREATE2') frame.to = undefined
  if (error !== 'execution reverted' || output.length === 0) return
  frame.output = bytesToHex(output)
  if (output.length < 4) return
  const reason = decodeReason(output)
  if (reason !== undefined) frame.revertReason = reason
}

/**
 * geth's callTracer: a tree of frames with `type` (CALL, STATICCALL, DELEGATECALL, CALLCODE,
 * CREATE, CREATE2), `from`, `to`, `value` (not on STATICCALL), `gas`, `gasUsed`, `input`, `output`
 * (omitted when empty), `error` and `revertReason`, and `calls`, built from the VM's frame
 * enter/exit hooks (precompile calls and calls to code-less accounts are frames too, as in geth).
 * With `withLog`, each frame also lists the logs it emitted (`address`, `topics`, `data`,
 * `position`), and frames that failed, or sit under one that failed, list none.
 */
export function createCallTracer(
  top: {
    from: Address
    to: Address | null
    value: bigint
    gas: bigint
    input: Uint8Array
  },
  decodeReason: (out: Uint8Array) => string | undefined = () => undefined,
  config: { withLog?: boolean | undefined } = {},
) {
  const root: CallFrame = {
    type: top.to === null ? 'CREATE' : 'CALL',
    from: top.from,
    to: top.to ?? undefined,
    value: hex(top.value),
    gas: hex(top.gas),
    gasUsed: '0x0',
    input: bytesToHex(top.input),
  }
  const open: { frame: CallFrame; gas: number }[] = [{ frame: root, gas: Number(top.gas) }]
  const tracer: Tracer = {
    enter(info) {
      const frame: CallFrame = {
        type: info.type,
        from: info.from,
        to: info.to,
        ...(info.type === 'STATICCALL' ? {} : { value: hex(info.value) }),
        gas: hex(info.gas),
        gasUsed: '0x0',
        input: bytesToHex(info.input),
      }
      const parent = open[open.length - 1]!.frame
      if (parent.calls) parent.calls.push(frame)
      else parent.calls = [frame]
      open.push({ frame, gas: info.gas })
    },
    log(info) {
      if (!config.withLog) return
      const frame = open[info.depth - 1]?.frame
      if (frame === undefined) return
      const entry: CallLog = {
        address: info.address.toLowerCase() as Address,
        topics: info.topics.map((t) => bytesToHex(t)),
        data: bytesToHex(info.data),
        position: hex(frame.calls?.length ?? 0),
      }
      if (frame.logs) frame.logs.push(entry)
      else frame.logs = [entry]
    },
    exit(info) {
      if (open.length <= 1) return
      const { frame, gas } = open.pop()!
      frame.gasUsed = hex(Math.max(0, gas - info.gasLeft))
      processOutput(frame, info.output, info.error, decodeReason)
    },
  }
  const result = (r: TxResult) => {
    root.gasUsed = hex(r.gasUsed)
    if (r.createdAddress) root.to = r.createdAddress.toLowerCase() as Address
    const error =
      r.status === 'success'
        ? undefined
        : r.status === 'revert'
          ? 'execution reverted'
          : haltText(r.haltReason)
    processOutput(root, r.output, error, decodeReason)
    if (config.withLog) clearFailedLogs(root, false)
    return root
  }
  return { tracer, result }
}

/** An EIP-2930 access list as JSON-RPC returns it. */
export type RpcAccessList = { address: Address; storageKeys: Hex[] }[]

const OP_BALANCE = 0x31
const OP_EXTCODESIZE = 0x3b
const OP_EXTCODECOPY = 0x3c
const OP_EXTCODEHASH = 0x3f
const OP_SELFDESTRUCT = 0xff
const toAddr = (v: bigint) => `0x${(v & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}` as Address

/**
 * geth's access-list tracer: every storage slot an SLOAD/SSTORE touches (with its contract), and
 * every address BALANCE, EXTCODE*, SELFDESTRUCT and CALL* touch, except the excluded ones (sender,
 * recipient or created address, precompiles). Slots are recorded even for excluded addresses.
 */
export function createAccessListTracer(exclude: ReadonlySet<Address>, initial: RpcAccessList = []) {
  const list = new Map<Address, Set<Hex>>()
  const addAddress = (a: Address) => {
    if (!exclude.has(a) && !list.has(a)) list.set(a, new Set())
  }
  const addSlot = (a: Address, slot: Hex) => {
    let s = list.get(a)
    if (!s) {
      s = new Set()
      list.set(a, s)
    }
    s.add(slot)
  }
  for (const e of initial) {
    const a = e.address.toLowerCase() as Address
    addAddress(a)
    for (const k of e.storageKeys) addSlot(a, k.toLowerCase() as Hex)
  }
  const tracer: Tracer = {
    step(info) {
      const s = info.stack
      const n = s.length
      const op = info.op
      if ((op === OP_SLOAD || op === OP_SSTORE) && n >= 1 && info.address)
        addSlot(info.address, `0x${word64(s[n - 1]!)}` as Hex)
      else if (
        (op === OP_EXTCODECOPY ||
          op === OP_EXTCODEHASH ||
          op === OP_EXTCODESIZE ||
          op === OP_BALANCE ||
          op === OP_SELFDESTRUCT) &&
        n >= 1
      )
        addAddress(toAddr(s[n - 1]!))
      else if (isCallOp(op) && n >= 5) addAddress(toAddr(s[n - 2]!))
    },
  }
  const accessList = (): RpcAccessList =>
    [...list].map(([address, slots]) => ({ address, storageKeys: [...slots] }))
  const equal = (other: { accessList(): RpcAccessList }) => {
    const b = other.accessList()
    if (b.length !== list.size) return false
    for (const e of b) {
      const s = list.get(e.address)
      if (!s || s.size !== e.storageKeys.length) return false
      for (const k of e.storageKeys) if (!s.has(k)) return false
    }
    return true
  }
  return { tracer, accessList, equal }
}
