import type { StepInfo, Tracer, TxEndInfo } from './tracer.js'

const hex = (v: bigint | number) => `0x${v.toString(16)}`

/**
 * An EIP-3155 tracer: one JSON object per opcode, then a summary line
 * `{"output","gasUsed","pass"?...}`, each written through `write` (default: stderr).
 */
export function createJsonTracer(
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Tracer {
  return {
    step(s: StepInfo) {
      write(
        JSON.stringify({
          pc: s.pc,
          op: s.op,
          gas: hex(s.gas),
          gasCost: hex(s.gasCost),
          memSize: s.memSize,
          stack: s.stack.map(hex),
          depth: s.depth,
          returnDataSize: s.returnDataSize,
          refund: s.refund,
          opName: s.opName,
        }),
      )
    },
    txEnd(e: TxEndInfo) {
      let out = ''
      for (const b of e.output) out += b.toString(16).padStart(2, '0')
      write(
        JSON.stringify({
          output: out,
          gasUsed: hex(e.gasUsed),
          ...(e.haltReason ? { error: e.haltReason } : {}),
        }),
      )
    },
  }
}
