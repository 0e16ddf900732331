import { type Address, bytesToHex, type Hex, type TxResult } from '@metis-sdk/primitives'

/** The VM's tracer hooks (structurally the `Tracer` of @metis-sdk/vm). */
export type StepHook = {
  pc: number
  op: number
  opName: string
  gas: number
  gasCost: number
  stack: bigint[]
  depth: number
  refund: number
}
export type VmTracer = { step?(info: StepHook): void }

type StructLog = {
  pc: number
  op: string
  gas: number
  gasCost: number
  depth: number
  stack: Hex[]
  refund?: number
}

/**
 * geth's default struct logger: one entry per executed opcode. `gasCost` is the real cost, taken
 * from the gas left at the next opcode of the same frame when there is one (the VM reports only the
 * constant part before an opcode runs).
 */
export function createStructLogger(
  options: { disableStack?: boolean | undefined; limit?: number | undefined } = {},
) {
  const logs: StructLog[] = []
  const limit = options.limit && options.limit > 0 ? options.limit : 100_000
  const tracer: VmTracer = {
    step(info) {
      if (logs.length >= limit) return
      logs.push({
        pc: info.pc,
        op: info.opName,
        gas: info.gas,
        gasCost: info.gasCost,
        depth: info.depth,
        stack: options.disableStack ? [] : info.stack.map((v) => `0x${v.toString(16)}` as Hex),
        ...(info.refund ? { refund: info.refund } : {}),
      })
    },
  }
  const result = (r: TxResult) => {
    for (let i = 0; i + 1 < logs.length; i++) {
      const a = logs[i]!
      const b = logs[i + 1]!
      if (b.depth === a.depth) a.gasCost = a.gas - b.gas
    }
    if (options.disableStack) for (const l of logs) delete (l as Partial<StructLog>).stack
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
}

const CALL_OPS = new Set(['CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL', 'CREATE', 'CREATE2'])
const toAddr = (v: bigint) => `0x${v.toString(16).padStart(40, '0').slice(-40)}` as Address

/**
 * geth's callTracer. The top frame is exact (from, to, value, gas, gasUsed, input, output, error).
 * Nested frames are rebuilt from the opcode stream (type, from, to, value, gas, gas used from the
 * gas left on return); their input and output bytes are not visible to step hooks and are left
 * out rather than guessed.
 */
export function createCallTracer(top: {
  from: Address
  to: Address | null
  value: bigint
  gas: bigint
  input: Uint8Array
  created?: Address | undefined
}) {
  const root: CallFrame = {
    type: top.to === null ? 'CREATE' : 'CALL',
    from: top.from,
    to: top.to ?? undefined,
    value: `0x${top.value.toString(16)}`,
    gas: `0x${top.gas.toString(16)}`,
    gasUsed: '0x0',
    input: bytesToHex(top.input),
  }
  // stack of open frames with the address each frame executes as, and the gas at its first step
  const open: { frame: CallFrame; self: Address; startGas: number; lastGas: number }[] = []
  let pendingCall: { frame: CallFrame; parentSelf: Address } | undefined
  const tracer: VmTracer = {
    step(info) {
      if (open.length === 0)
        open.push({
          frame: root,
          self: (top.to ?? top.created ?? top.from) as Address,
          startGas: info.gas,
          lastGas: info.gas,
        })
      // returning from deeper frames
      while (open.length > info.depth) {
        const done = open.pop()!
        done.frame.gasUsed = `0x${Math.max(0, done.startGas - done.lastGas).toString(16)}`
      }
      if (pendingCall && open.length + 1 === info.depth) {
        const self =
          (pendingCall.frame.type === 'DELEGATECALL' || pendingCall.frame.type === 'CALLCODE'
            ? pendingCall.parentSelf
            : pendingCall.frame.to) ?? pendingCall.parentSelf
        open.push({ frame: pendingCall.frame, self, startGas: info.gas, lastGas: info.gas })
      }
      pendingCall = undefined
      const cur = open[open.length - 1]!
      cur.lastGas = info.gas
      if (CALL_OPS.has(info.opName)) {
        const s = info.stack
        const at = (i: number) => s[s.length - 1 - i] ?? 0n
        const frame: CallFrame = {
          type: info.opName,
          from: cur.self,
          gas: '0x0',
          gasUsed: '0x0',
          input: '0x',
        }
        if (info.opName === 'CREATE' || info.opName === 'CREATE2') frame.value = `0x${at(0).toString(16)}`
        else {
          frame.gas = `0x${at(0).toString(16)}`
          frame.to = toAddr(at(1))
          if (info.opName === 'CALL' || info.opName === 'CALLCODE') frame.value = `0x${at(2).toString(16)}`
        }
        ;(cur.frame.calls ??= []).push(frame)
        pendingCall = { frame, parentSelf: cur.self }
      }
    },
  }
  const result = (r: TxResult, revertReason?: string) => {
    while (open.length > 1) {
      const done = open.pop()!
      done.frame.gasUsed = `0x${Math.max(0, done.startGas - done.lastGas).toString(16)}`
    }
    root.gasUsed = `0x${r.gasUsed.toString(16)}`
    root.output = bytesToHex(r.output)
    if (r.createdAddress) root.to = r.createdAddress.toLowerCase() as Address
    if (r.status === 'revert') {
      root.error = 'execution reverted'
      if (revertReason) root.revertReason = revertReason
    } else if (r.status === 'halt') root.error = (r.haltReason ?? 'halted').toLowerCase()
    return root
  }
  return { tracer, result }
}
