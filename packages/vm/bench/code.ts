import { type Address, hexToBytes, useFastKeccak256 } from '@metis-sdk/primitives'
import { executeTransaction, MemoryState } from '../src/index.js'

const code = hexToBytes(process.env.CODE as `0x${string}`)
const calldata = new Uint8Array(0)
const SENDER: Address = '0x1000000000000000000000000000000000000001'
const TARGET: Address = '0xbe7c43a580000000000000000000000000000001'
const GAS = 1_000_000_000n
const rounds = Number(process.argv[2] ?? 3)
// FAST_KECCAK=1 installs the hash-wasm keccak backend first (what a node would do at start-up).
if (process.env.FAST_KECCAK === '1') console.log('fast keccak:', await useFastKeccak256())

function metis(): { gas: bigint; ms: number } {
  const state = new MemoryState()
  state.set(SENDER, { balance: 10n ** 30n })
  state.set(TARGET, { code })
  const t0 = performance.now()
  const r = executeTransaction({
    state,
    sender: SENDER,
    block: {
      number: 1n,
      timestamp: 1n,
      gasLimit: GAS,
      baseFee: 0n,
      difficulty: 0n,
      chainId: 1n,
      coinbase: '0x0000000000000000000000000000000000000000',
      prevRandao: `0x${'00'.repeat(32)}`,
      fork: 'Cancun',
      blobBaseFee: 1n,
    },
    tx: {
      type: 0,
      nonce: 0n,
      gasPrice: 0n,
      gasLimit: GAS,
      to: TARGET,
      value: 0n,
      data: calldata,
      v: 27n,
      r: 0n,
      s: 0n,
    },
  })
  const ms = performance.now() - t0
  if (r.status !== 'success') throw new Error(`snailtracer ${r.status} ${r.haltReason}`)
  return { gas: r.gasUsed - 21_000n, ms }
}

async function ethjs(): Promise<{ gas: bigint; ms: number }> {
  const { createEVM } = await import('@ethereumjs/evm')
  const { Common, Mainnet, Hardfork } = await import('@ethereumjs/common')
  const { createAddressFromString } = await import('@ethereumjs/util')
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun })
  const evm = await createEVM({ common })
  const to = createAddressFromString(TARGET)
  await evm.stateManager.putCode(to, code)
  const t0 = performance.now()
  const r = await evm.runCall({ to, data: calldata, gasLimit: GAS })
  const ms = performance.now() - t0
  return { gas: r.execResult.executionGasUsed, ms }
}

const mg = (gas: bigint, ms: number) => (Number(gas) / 1e6 / (ms / 1000)).toFixed(1)
const m: number[] = []
const e: number[] = []
let gas = 0n
for (let i = 0; i < rounds; i++) {
  const a = metis()
  const b = await ethjs()
  gas = a.gas
  m.push(Number(mg(a.gas, a.ms)))
  e.push(Number(mg(b.gas, b.ms)))
  console.log(
    `round ${i}: metis ${a.ms.toFixed(0)} ms (${mg(a.gas, a.ms)} Mgas/s, gas ${a.gas}), ethereumjs ${b.ms.toFixed(0)} ms (${mg(b.gas, b.ms)} Mgas/s, gas ${b.gas})`,
  )
}
const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
console.log(
  `median: metis ${med(m)} Mgas/s, ethereumjs ${med(e)} Mgas/s, ratio ${(med(m) / med(e)).toFixed(2)}x (gas ${gas})`,
)
