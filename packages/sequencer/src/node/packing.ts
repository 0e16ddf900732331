import type { TxExecutor } from '@metis-sdk/executor'
import {
  blobParams,
  type ChainConfig,
  GAS_PER_BLOB,
  type Hardfork,
  type TxResult,
} from '@metis-sdk/primitives'
import type { PoolTransaction } from '../mempool/mempool.js'

/**
 * A {@link TxExecutor} that remembers the results of the transactions it ran in the current block
 * attempt, so a rebuilt block with the same prefix (same transactions, same order, same parent
 * state and env) replays them instead of running the EVM again. It also tells how many
 * transactions an attempt ran: the executor checks a transaction's gas against the block's
 * remaining gas just before running it, so when it throws `gas-limit-reached` that count is the
 * index of the transaction that did not fit.
 *
 * Only valid within one block build: create one per block.
 */
export class ReplayingExecutor implements TxExecutor {
  private readonly txs: unknown[] = []
  private readonly results: TxResult[] = []
  /** Transactions run (or replayed) in the current attempt. */
  ran = 0

  constructor(private readonly vm: TxExecutor) {}

  /** Starts a new attempt of the same block. */
  begin(): void {
    this.ran = 0
  }

  /** Results of the first `count` transactions of the current attempt (all ran or replayed). */
  resultsOf(count: number): readonly TxResult[] {
    return this.results.slice(0, count)
  }

  executeTransaction(parameters: Parameters<TxExecutor['executeTransaction']>[0]): TxResult {
    const i = this.ran++
    if (i < this.results.length && this.txs[i] === parameters.tx) return this.results[i]!
    // A different transaction at i: what followed it in the earlier attempt ran on other state.
    this.txs.length = i
    this.results.length = i
    const result = this.vm.executeTransaction(parameters)
    this.txs.push(parameters.tx)
    this.results.push(result)
    return result
  }

  executeSystemCall(
    parameters: Parameters<TxExecutor['executeSystemCall']>[0],
  ): ReturnType<TxExecutor['executeSystemCall']> {
    return this.vm.executeSystemCall(parameters)
  }
}

/**
 * go-ethereum's block filling rule: a transaction is taken while its gas limit fits in the block's
 * remaining gas (the limit minus the gas the earlier transactions actually used), and its blob gas
 * in the remaining blob gas; otherwise its sender is skipped for the block. The gas used is known
 * only after running the transactions, so the builder learns it attempt by attempt: for the
 * transactions already run the remaining gas before each is exact, after them the last known
 * value is an upper bound (gas only goes down), which rejects nothing geth would take.
 */
export class GasBounds {
  /** Remaining gas / blob gas before position i, for the positions already run. */
  private gasBefore: bigint[] = []
  private blobBefore: bigint[] = []
  private readonly maxBlobGas: bigint

  constructor(
    private readonly gasLimit: bigint,
    fork: Hardfork,
    config: ChainConfig,
  ) {
    this.maxBlobGas = BigInt(blobParams(fork, config)?.max ?? 0) * GAS_PER_BLOB
  }

  /** Records the results of the first transactions of an attempt (all of them fitted). */
  learn(results: readonly TxResult[]): void {
    let gas = this.gasLimit
    let blob = this.maxBlobGas
    const gasBefore = [gas]
    const blobBefore = [blob]
    for (const r of results) {
      gas -= r.gasUsed
      blob -= r.blobGasUsed
      gasBefore.push(gas)
      blobBefore.push(blob)
    }
    this.gasBefore = gasBefore
    this.blobBefore = blobBefore
  }

  /** Whether `t` may be taken at position `index` (the `fits` of `Mempool.select`). */
  readonly fits = (t: PoolTransaction, index: number): boolean => {
    const known = this.gasBefore.length
    const at = index < known ? index : known - 1
    const gas = known === 0 ? this.gasLimit : this.gasBefore[at]!
    if (t.tx.gasLimit > gas) return false
    if (t.tx.type !== 3) return true
    const blob = known === 0 ? this.maxBlobGas : this.blobBefore[at]!
    return BigInt(t.tx.blobVersionedHashes.length) * GAS_PER_BLOB <= blob
  }
}
