/**
 * Test-only EIP-1193 dev chain: auto-mining, zero gas price, unlocked dev accounts, time travel
 * (`evm_increaseTime`). It exists because the project's in-process node (`createNode` from
 * @metis-sdk/sequencer over MetisVM) has not landed yet; the contract tests talk to it only
 * through viem clients and EIP-1193 `request`, so switching them to the node is a one-line change
 * in `createTestChain`. Execution is @ethereumjs/evm (Cancun) — a temporary reference EVM.
 */
import { createCustomCommon, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM, type EVM } from '@ethereumjs/evm'
import { SimpleStateManager } from '@ethereumjs/statemanager'
import { Account, createAddressFromString } from '@ethereumjs/util'
import { bytesToHex, type Hex, hexToBytes, keccak256, numberToHex, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

export const DEV_CHAIN_ID = 1337
/** Well-known test keys (the hardhat/anvil mnemonic, index 0-9). Never use them with real funds. */
export const DEV_PRIVATE_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
] as const satisfies readonly Hex[]

type Json = Record<string, unknown>

interface StoredReceipt {
  transactionHash: Hex
  from: Hex
  to: Hex | null
  contractAddress: Hex | null
  status: Hex
  gasUsed: Hex
  logs: Json[]
  blockNumber: Hex
  blockHash: Hex
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly data?: Hex,
  ) {
    super(message)
  }
}

export interface DevChain {
  request(args: { method: string; params?: unknown }): Promise<unknown>
}

export async function createDevChain(): Promise<DevChain> {
  const common = createCustomCommon({ chainId: DEV_CHAIN_ID }, Mainnet, { hardfork: Hardfork.Cancun })
  const stateManager = new SimpleStateManager()
  const evm: EVM = await createEVM({ common, stateManager })
  const accounts = DEV_PRIVATE_KEYS.map((k) => privateKeyToAccount(k).address)
  for (const a of accounts) {
    await stateManager.putAccount(createAddressFromString(a), new Account(0n, 10n ** 24n))
  }
  let blockNumber = 0n
  let timestamp = 1_700_000_000n
  let timeOffset = 0n
  const receipts = new Map<Hex, StoredReceipt>()
  const blocks: Hex[] = [keccak256(toHex('genesis'))]
  let txCounter = 0

  const blockEnv = (n: bigint, ts: bigint) => ({
    header: {
      number: n,
      coinbase: createAddressFromString('0x0000000000000000000000000000000000000000'),
      timestamp: ts,
      difficulty: 0n,
      prevRandao: new Uint8Array(32),
      gasLimit: 30_000_000n,
      baseFeePerGas: 0n,
      getBlobGasPrice: () => 1n,
    },
  })

  // Chain time is deterministic: one second per block plus explicit `evm_increaseTime` jumps.
  const nextTimestamp = () => timestamp + 1n + timeOffset

  async function run(tx: Json, commit: boolean, ts: bigint) {
    const from = createAddressFromString((tx.from as string | undefined) ?? (accounts[0] as string))
    const to = tx.to ? createAddressFromString(tx.to as string) : undefined
    const data = tx.data ?? tx.input
    if (!commit) await stateManager.checkpoint()
    try {
      const res = await evm.runCall({
        caller: from,
        origin: from,
        to,
        value: tx.value ? BigInt(tx.value as string) : 0n,
        data: data ? hexToBytes(data as Hex) : new Uint8Array(),
        gasLimit: tx.gas ? BigInt(tx.gas as string) : 30_000_000n,
        gasPrice: 0n,
        block: blockEnv(blockNumber + 1n, ts) as never,
      })
      return res
    } finally {
      if (!commit) await stateManager.revert()
    }
  }

  function revertError(res: Awaited<ReturnType<typeof run>>): RpcError {
    const out = bytesToHex(res.execResult.returnValue)
    const err = res.execResult.exceptionError?.error ?? 'reverted'
    return new RpcError(`execution reverted${err === 'revert' ? '' : `: ${err}`}`, 3, out)
  }

  async function request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
    const p = (params ?? []) as unknown[]
    switch (method) {
      case 'eth_chainId':
        return numberToHex(DEV_CHAIN_ID)
      case 'net_version':
        return String(DEV_CHAIN_ID)
      case 'eth_accounts':
      case 'eth_requestAccounts':
        return accounts
      case 'eth_blockNumber':
        return numberToHex(blockNumber)
      case 'eth_gasPrice':
      case 'eth_maxPriorityFeePerGas':
        return '0x0'
      case 'eth_getBlockByNumber':
      case 'eth_getBlockByHash':
        return {
          number: numberToHex(blockNumber),
          hash: blocks[Number(blockNumber)],
          timestamp: numberToHex(timestamp),
          baseFeePerGas: '0x0',
          gasLimit: numberToHex(30_000_000),
          gasUsed: '0x0',
          transactions: [],
        }
      case 'eth_getBalance': {
        const acc = await stateManager.getAccount(createAddressFromString(p[0] as string))
        return numberToHex(acc?.balance ?? 0n)
      }
      case 'eth_getTransactionCount': {
        const acc = await stateManager.getAccount(createAddressFromString(p[0] as string))
        return numberToHex(acc?.nonce ?? 0n)
      }
      case 'eth_getCode':
        return bytesToHex(await stateManager.getCode(createAddressFromString(p[0] as string)))
      case 'eth_call': {
        const res = await run(p[0] as Json, false, nextTimestamp())
        if (res.execResult.exceptionError) throw revertError(res)
        return bytesToHex(res.execResult.returnValue)
      }
      case 'eth_estimateGas': {
        const res = await run(p[0] as Json, false, nextTimestamp())
        if (res.execResult.exceptionError) throw revertError(res)
        // Headroom for the 63/64 rule and refunds; gas is free on this chain.
        return numberToHex((res.execResult.executionGasUsed * 3n) / 2n + 100_000n)
      }
      case 'eth_sendTransaction': {
        const tx = p[0] as Json
        const from = ((tx.from as string) ?? (accounts[0] as string)).toLowerCase() as Hex
        const ts = nextTimestamp()
        // Like Hardhat's automine: a transaction that would revert is rejected with the revert
        // data instead of being mined, so callers see the decoded custom error.
        const dry = await run(tx, false, ts)
        if (dry.execResult.exceptionError) throw revertError(dry)
        const res = await run(tx, true, ts)
        blockNumber += 1n
        timestamp = ts
        timeOffset = 0n
        const hash = keccak256(toHex(`tx-${++txCounter}`))
        const blockHash = keccak256(toHex(`block-${blockNumber}`))
        blocks.push(blockHash)
        const ok = !res.execResult.exceptionError
        const logs = ok
          ? (res.execResult.logs ?? []).map(([address, topics, data], i) => ({
              address: bytesToHex(address),
              topics: topics.map((t) => bytesToHex(t)),
              data: bytesToHex(data),
              logIndex: numberToHex(i),
              transactionIndex: '0x0',
              transactionHash: hash,
              blockHash,
              blockNumber: numberToHex(blockNumber),
              removed: false,
            }))
          : []
        receipts.set(hash, {
          transactionHash: hash,
          from,
          to: (tx.to as Hex | undefined) ?? null,
          contractAddress: res.createdAddress ? (res.createdAddress.toString() as Hex) : null,
          status: ok ? '0x1' : '0x0',
          gasUsed: numberToHex(res.execResult.executionGasUsed),
          logs,
          blockNumber: numberToHex(blockNumber),
          blockHash,
        })
        return hash
      }
      case 'eth_getTransactionReceipt': {
        const r = receipts.get(p[0] as Hex)
        if (!r) return null
        return {
          ...r,
          transactionIndex: '0x0',
          cumulativeGasUsed: r.gasUsed,
          effectiveGasPrice: '0x0',
          logsBloom: `0x${'00'.repeat(256)}`,
          type: '0x2',
        }
      }
      case 'eth_getTransactionByHash': {
        const r = receipts.get(p[0] as Hex)
        if (!r) return null
        return {
          hash: r.transactionHash,
          from: r.from,
          to: r.to,
          blockNumber: r.blockNumber,
          blockHash: r.blockHash,
          transactionIndex: '0x0',
          value: '0x0',
          input: '0x',
          nonce: '0x0',
          gas: '0x0',
          type: '0x2',
          maxFeePerGas: '0x0',
          maxPriorityFeePerGas: '0x0',
          chainId: numberToHex(DEV_CHAIN_ID),
          v: '0x0',
          r: '0x0',
          s: '0x0',
          yParity: '0x0',
          accessList: [],
        }
      }
      case 'evm_increaseTime':
        timeOffset += BigInt(p[0] as number | string)
        return numberToHex(timeOffset)
      case 'evm_mine':
        blockNumber += 1n
        timestamp = nextTimestamp()
        timeOffset = 0n
        blocks.push(keccak256(toHex(`block-${blockNumber}`)))
        return null
      default:
        throw new RpcError(`method ${method} not supported by the dev chain`, -32601)
    }
  }
  return { request }
}
