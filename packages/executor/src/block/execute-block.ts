import {
  type Address,
  type BlockEnv,
  type BlockResult,
  blobParams,
  bloomOr,
  withdrawalsRoot as computeWithdrawalsRoot,
  encodeReceipt,
  encodeTransaction,
  GAS_PER_BLOB,
  type Hash,
  isForkAtLeast,
  orderedTrieRoot,
  type Receipt,
  recoverSender,
  type StateReader,
  type Transaction,
  type TxResult,
} from '@metis-sdk/primitives'
import { BlockValidationError } from '../errors/executor.js'
import { OverlayState } from '../state/overlay.js'
import type { ExecutableBlock, ExecutorChainConfig, TxExecutor } from '../types.js'
import { blockEnvOf } from './block-env.js'
import {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_REQUEST_ADDRESS,
  HISTORY_STORAGE_ADDRESS,
  WITHDRAWAL_REQUEST_ADDRESS,
} from './constants.js'
import { OrderedTrie } from './ordered-trie.js'
import { ReceiptBloomer } from './receipt-bloom.js'
import { depositRequests, requestsHash } from './requests.js'
import { runSystemCall } from './system-calls.js'

/** Options shared by sequential and parallel block execution. */
export type ExecuteBlockOptions = {
  config: ExecutorChainConfig
  /** The EVM to run transactions with. */
  vm: TxExecutor
  /** Consensus encodings of the transactions, for the transactions root (else `encodeTransaction`). */
  rawTransactions?: readonly Uint8Array[] | undefined
  /** Encoder for the transactions root when `rawTransactions` is absent (default: primitives' codec). */
  encodeTransaction?: ((tx: Transaction) => Uint8Array) | undefined
  /** Sender recovery when `block.senders` is absent (default: primitives' `recoverSender`). */
  recoverSender?: ((tx: Transaction) => Address) | undefined
}

/** State prepared for the transaction loop: env, overlay after the pre-block system calls. */
export type PreparedBlock = {
  env: BlockEnv
  overlay: OverlayState
  senders: Address[]
}

/**
 * Runs a block's transactions one after another and returns receipts, roots and the block's diff.
 * Throws {@link BlockValidationError} for a block that cannot be valid (gas pool exhausted,
 * invalid transaction, blob gas over the limit).
 *
 * @example
 * const result = executeBlockSequential(db.reader(), block, { config, vm })
 * db.commit(result.diff, { blockNumber: block.header.number })
 */
export function executeBlockSequential(
  state: StateReader,
  block: ExecutableBlock,
  options: ExecuteBlockOptions,
): BlockResult {
  return executePrepared(prepareBlock(state, block, options), block, options)
}

/** The sequential transaction loop and post-block work on an already prepared block. */
export function executePrepared(
  prepared: PreparedBlock,
  block: ExecutableBlock,
  options: ExecuteBlockOptions,
): BlockResult {
  const { env, overlay, senders } = prepared
  const results: TxResult[] = new Array(block.transactions.length)
  let gasUsed = 0n
  let blobGasUsed = 0n
  const maxBlobGas = BigInt(blobParams(env.fork, options.config)?.max ?? 0) * GAS_PER_BLOB
  for (let i = 0; i < block.transactions.length; i++) {
    const tx = block.transactions[i]!
    checkTxFitsBlock(tx, i, env, gasUsed, blobGasUsed, maxBlobGas)
    let result: TxResult
    try {
      result = options.vm.executeTransaction({ state: overlay, block: env, tx, sender: senders[i]! })
    } catch (err) {
      throw invalidTx(err, i)
    }
    overlay.apply(result.diff)
    gasUsed += result.gasUsed
    blobGasUsed += result.blobGasUsed
    results[i] = result
  }
  return finishBlock(prepared, block, results, options)
}

/** Checks the block gas pool and the blob gas limit before running tx `i` (sequential order). */
export function checkTxFitsBlock(
  tx: Transaction,
  i: number,
  env: BlockEnv,
  gasUsed: bigint,
  blobGasUsed: bigint,
  maxBlobGas: bigint,
): void {
  if (tx.gasLimit > env.gasLimit - gasUsed)
    throw new BlockValidationError(
      'gas-limit-reached',
      `transaction ${i} gas limit exceeds the block's remaining gas`,
      {
        details: `tx gas ${tx.gasLimit}, remaining ${env.gasLimit - gasUsed}`,
      },
    )
  if (tx.type === 3) {
    const blobGas = BigInt(tx.blobVersionedHashes.length) * GAS_PER_BLOB
    if (blobGasUsed + blobGas > maxBlobGas)
      throw new BlockValidationError(
        'blob-gas-limit-reached',
        `transaction ${i} exceeds the block's blob gas limit`,
      )
  }
}

/** Wraps a VM validation failure of tx `i` as a block validation error. */
export function invalidTx(err: unknown, i: number): BlockValidationError {
  if (err instanceof BlockValidationError) return err
  const name = (err as { name?: string } | undefined)?.name ?? 'Error'
  const message =
    (err as { shortMessage?: string; message?: string } | undefined)?.shortMessage ?? String(err)
  return new BlockValidationError('invalid-transaction', `transaction ${i} is invalid: ${message}`, {
    cause: err,
    details: name,
  })
}

/** Computes the env, recovers senders and runs the pre-block system calls (EIP-4788, EIP-2935). */
export function prepareBlock(
  state: StateReader,
  block: ExecutableBlock,
  options: ExecuteBlockOptions,
): PreparedBlock {
  const env = blockEnvOf(block.header, options.config)
  const overlay = new OverlayState(state)
  const senders = sendersOf(block, options)
  if (isForkAtLeast(env.fork, 'Cancun')) {
    if (block.header.parentBeaconBlockRoot === undefined)
      throw new BlockValidationError('missing-beacon-root', 'Cancun block without parentBeaconBlockRoot')
    runSystemCall(options.vm, overlay, env, BEACON_ROOTS_ADDRESS, block.header.parentBeaconBlockRoot)
  }
  if (isForkAtLeast(env.fork, 'Prague') && block.header.number > 0n)
    runSystemCall(options.vm, overlay, env, HISTORY_STORAGE_ADDRESS, block.header.parentHash)
  return { env, overlay, senders }
}

function sendersOf(block: ExecutableBlock, options: ExecuteBlockOptions): Address[] {
  const out: Address[] = new Array(block.transactions.length)
  for (let i = 0; i < block.transactions.length; i++) {
    const tx = block.transactions[i]!
    const given = block.senders?.[i]
    if (given !== undefined) out[i] = given.toLowerCase() as Address
    else if (tx.type === 0x7e) out[i] = tx.from.toLowerCase() as Address
    else {
      try {
        out[i] = (options.recoverSender ?? recoverSender)(tx).toLowerCase() as Address
      } catch (err) {
        throw new BlockValidationError('invalid-signature', `transaction ${i} has an invalid signature`, {
          cause: err,
        })
      }
    }
  }
  return out
}

/** Parts of the post-block work already done elsewhere (by workers, or while they ran). */
export type FinishPrecomputed = {
  /** Per-receipt logs blooms (`logsBloom(results[i].logs)`). */
  blooms?: readonly (Uint8Array | undefined)[] | undefined
  /** Consensus encodings of the receipts (`encodeReceipt` of the receipt finishBlock builds). */
  encodedReceipts?: readonly (Uint8Array | undefined)[] | undefined
  /** `OrderedTrie.leafRef(i, encodedReceipts[i])` of the receipts trie. */
  receiptLeafRefs?: readonly (Uint8Array | undefined)[] | undefined
  /** {@link transactionsRootOf} of the block. */
  transactionsRoot?: Hash | undefined
}

function receiptsRootOf(receipts: readonly Receipt[], precomputed: FinishPrecomputed): Hash {
  const encoded = receipts.map((r, i) => precomputed.encodedReceipts?.[i] ?? encodeReceipt(r))
  if (precomputed.receiptLeafRefs === undefined) return orderedTrieRoot(encoded)
  return OrderedTrie.forSize(encoded.length).root(encoded, precomputed.receiptLeafRefs)
}

/** The transactions root: from `rawTransactions` when given, else from the encoded transactions. */
export function transactionsRootOf(block: ExecutableBlock, options: ExecuteBlockOptions): Hash {
  return orderedTrieRoot(options.rawTransactions ?? encodeAll(block.transactions, options))
}

/**
 * Everything after the transaction loop: receipts and bloom, withdrawals (EIP-4895), Prague
 * requests (EIP-6110/7002/7251) and the ordered-trie roots. `results` must already be applied to
 * `prepared.overlay`.
 */
export function finishBlock(
  prepared: PreparedBlock,
  block: ExecutableBlock,
  results: TxResult[],
  options: ExecuteBlockOptions,
  precomputed: FinishPrecomputed = {},
): BlockResult {
  const { env, overlay } = prepared
  const receipts: Receipt[] = new Array(results.length)
  const bloomer = new ReceiptBloomer()
  const bloom = new Uint8Array(256)
  let cumulative = 0n
  let blobGasUsed = 0n
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!
    cumulative += r.gasUsed
    blobGasUsed += r.blobGasUsed
    const txBloom = precomputed.blooms?.[i] ?? bloomer.bloom(r.logs)
    bloomOr(bloom, txBloom)
    receipts[i] = {
      type: block.transactions[i]!.type,
      status: r.status === 'success' ? 1 : 0,
      cumulativeGasUsed: cumulative,
      logsBloom: txBloom,
      logs: r.logs,
    }
  }
  let withdrawalsRoot: Hash | undefined
  if (isForkAtLeast(env.fork, 'Shanghai')) {
    const withdrawals = block.withdrawals ?? []
    for (const w of withdrawals) {
      if (w.amount === 0n) continue
      const address = w.address.toLowerCase() as Address
      const acc = overlay.getAccount(address)
      const balance = (acc?.balance ?? 0n) + w.amount * 1_000_000_000n
      overlay.apply({
        accounts: new Map([
          [
            address,
            {
              account: { nonce: acc?.nonce ?? 0n, balance, codeHash: acc?.codeHash ?? EMPTY_CODE_HASH },
              storageCleared: false,
              storage: new Map(),
            },
          ],
        ]),
      })
    }
    withdrawalsRoot = computeWithdrawalsRoot(withdrawals)
  }
  let reqHash: Hash | undefined
  if (isForkAtLeast(env.fork, 'Prague')) {
    const allLogs = results.flatMap((r) => r.logs)
    const deposits = options.config.depositContractAddress
      ? depositRequests(allLogs, options.config.depositContractAddress)
      : new Uint8Array(0)
    const withdrawalsReq = runSystemCall(
      options.vm,
      overlay,
      env,
      WITHDRAWAL_REQUEST_ADDRESS,
      new Uint8Array(0),
    )
    const consolidations = runSystemCall(
      options.vm,
      overlay,
      env,
      CONSOLIDATION_REQUEST_ADDRESS,
      new Uint8Array(0),
    )
    reqHash = requestsHash([
      [0, deposits],
      [1, withdrawalsReq ?? new Uint8Array(0)],
      [2, consolidations ?? new Uint8Array(0)],
    ])
  }
  return {
    receipts,
    txResults: results,
    logsBloom: bloom,
    gasUsed: cumulative,
    blobGasUsed,
    diff: overlay.diff,
    transactionsRoot: precomputed.transactionsRoot ?? transactionsRootOf(block, options),
    receiptsRoot: receiptsRootOf(receipts, precomputed),
    withdrawalsRoot,
    requestsHash: reqHash,
  }
}

const EMPTY_CODE_HASH: Hash = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'

function encodeAll(txs: readonly Transaction[], options: ExecuteBlockOptions): Uint8Array[] {
  return txs.map(options.encodeTransaction ?? encodeTransaction)
}
