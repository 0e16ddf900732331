import {
  type Address,
  bytesToAddress,
  bytesToBigInt,
  bytesToHex,
  bytesToNumber,
  decodeTransaction,
  type Hash,
  type Hex,
  hexToBytes,
  type Log,
  logsBloom,
  type RlpItem,
  rlpDecode,
  rlpEncode,
  type Transaction,
} from '@metis-sdk/primitives'
import {
  formatLog,
  formatReceipt,
  formatTransaction,
  type RpcLog,
  type RpcReceipt,
  type RpcTransaction,
} from '../rpc/format.js'

/** Where a mined transaction sits: its block (hash, number, time, base fee) and position. */
export type TxLocation = {
  blockHash: Hash
  blockNumber: bigint
  timestamp: bigint
  baseFee: bigint | undefined
  index: number
}

/** The outcome of a mined transaction, as block production has it (binary logs). */
export type TxOutcome = {
  status: 0 | 1
  cumulativeGasUsed: bigint
  gasUsed: bigint
  contractAddress: Address | null
  /** Block-wide index of the transaction's first log. */
  firstLogIndex: number
  logs: readonly Log[]
  /** Blob gas price of the block (type-3 transactions only). */
  blobGasPrice: bigint | undefined
  /** The receipt's logs bloom when already computed (block production has it); else from `logs`. */
  logsBloom?: Uint8Array | undefined
}

const EMPTY = new Uint8Array(0)

/**
 * A mined transaction: its consensus encoding, sender, location and outcome. The JSON-RPC forms
 * (transaction, receipt, logs) are built on first read and kept: block production does not pay for
 * objects nobody asks for (building them for every transaction was ~1/4 of the node's retained heap
 * and a good part of its GC time on the node bench, measured with --heap-prof / --cpu-prof).
 *
 * On disk (chain store format 3) it is one RLP list:
 * `[raw, sender, blockNumber, index, status, cumulativeGasUsed, gasUsed, contractAddress | "", firstLogIndex,
 *   [[address, [topics…], data]…], [blobGasPrice]?]`; the block fields come from the block.
 */
export class MinedTransaction {
  #decoded: Transaction | undefined
  #tx: RpcTransaction | undefined
  #receipt: RpcReceipt | undefined
  #logs: RpcLog[] | undefined
  #raw: Hex | undefined

  constructor(
    readonly rawBytes: Uint8Array,
    readonly hash: Hash,
    readonly sender: Address,
    readonly at: TxLocation,
    readonly outcome: TxOutcome,
    decoded?: Transaction,
  ) {
    this.#decoded = decoded
  }

  /** The decoded transaction. */
  get decoded(): Transaction {
    this.#decoded ??= decodeTransaction(this.rawBytes)
    return this.#decoded
  }

  /** The consensus encoding as hex (eth_getRawTransactionByHash). */
  get raw(): Hex {
    this.#raw ??= bytesToHex(this.rawBytes)
    return this.#raw
  }

  /** The eth_getTransactionByHash form. */
  get tx(): RpcTransaction {
    this.#tx ??= formatTransaction(this.decoded, this.hash, this.sender, {
      blockHash: this.at.blockHash,
      blockNumber: this.at.blockNumber,
      index: this.at.index,
      baseFee: this.at.baseFee,
    })
    return this.#tx
  }

  /** The logs in the eth_getLogs form. */
  get logs(): RpcLog[] {
    if (this.#logs === undefined) {
      const { at, outcome } = this
      this.#logs = outcome.logs.map((log, j) =>
        formatLog(log, {
          blockHash: at.blockHash,
          blockNumber: at.blockNumber,
          timestamp: at.timestamp,
          txHash: this.hash,
          txIndex: at.index,
          logIndex: outcome.firstLogIndex + j,
        }),
      )
    }
    return this.#logs
  }

  /** The eth_getTransactionReceipt form. */
  get receipt(): RpcReceipt {
    if (this.#receipt === undefined) {
      const { at, outcome } = this
      const tx = this.decoded
      this.#receipt = formatReceipt(
        {
          type: tx.type,
          status: outcome.status,
          cumulativeGasUsed: outcome.cumulativeGasUsed,
          logsBloom: outcome.logsBloom ?? logsBloom(outcome.logs),
          logs: outcome.logs as Log[],
        },
        {
          tx,
          txHash: this.hash,
          from: this.sender,
          blockHash: at.blockHash,
          blockNumber: at.blockNumber,
          index: at.index,
          gasUsed: outcome.gasUsed,
          baseFee: at.baseFee,
          blobGasPrice: outcome.blobGasPrice,
          contractAddress: outcome.contractAddress,
          logs: this.logs,
        },
      )
    }
    return this.#receipt
  }

  /** Addresses (lowercase) that emitted the transaction's logs. */
  logAddresses(): string[] {
    return this.outcome.logs.map((l) => l.address.toLowerCase())
  }

  /** The on-disk record (see the class comment). */
  encode(): Uint8Array {
    const o = this.outcome
    return rlpEncode([
      this.rawBytes,
      hexToBytes(this.sender),
      this.at.blockNumber,
      this.at.index,
      o.status,
      o.cumulativeGasUsed,
      o.gasUsed,
      o.contractAddress === null ? EMPTY : hexToBytes(o.contractAddress),
      o.firstLogIndex,
      o.logs.map((l) => [hexToBytes(l.address), l.topics, l.data]),
      o.blobGasPrice === undefined ? [] : [o.blobGasPrice],
    ])
  }

  /**
   * Rebuilds a record written by {@link encode}; `block` gives the block fields of `blockNumber`.
   * @throws RlpDecodingError / InvalidLengthError on a damaged record.
   */
  static decode(
    hash: Hash,
    bytes: Uint8Array,
    blockOf: (number: bigint) => { hash: Hash; timestamp: bigint; baseFee: bigint | undefined },
  ): MinedTransaction {
    const f = rlpDecode(bytes) as RlpItem[]
    const b = (i: number) => f[i] as Uint8Array
    const blockNumber = bytesToBigInt(b(2))
    const block = blockOf(blockNumber)
    const blobGasPrice = f[10] as Uint8Array[]
    const logs: Log[] = (f[9] as RlpItem[][]).map((l) => ({
      address: bytesToAddress(l[0] as Uint8Array),
      topics: l[1] as Uint8Array[],
      data: l[2] as Uint8Array,
    }))
    return new MinedTransaction(
      b(0),
      hash,
      bytesToAddress(b(1)),
      {
        blockHash: block.hash,
        blockNumber,
        timestamp: block.timestamp,
        baseFee: block.baseFee,
        index: bytesToNumber(b(3)),
      },
      {
        status: bytesToNumber(b(4)) === 1 ? 1 : 0,
        cumulativeGasUsed: bytesToBigInt(b(5)),
        gasUsed: bytesToBigInt(b(6)),
        contractAddress: b(7).length === 0 ? null : bytesToAddress(b(7)),
        firstLogIndex: bytesToNumber(b(8)),
        logs,
        blobGasPrice: blobGasPrice.length === 0 ? undefined : bytesToBigInt(blobGasPrice[0]!),
      },
    )
  }
}
