import {
  type Address,
  type BlockHeader,
  bytesToHex,
  type Hash,
  type Hex,
  type Log,
  type Receipt,
  type Transaction,
} from '@metis-sdk/primitives'

const q = (v: bigint | number): Hex => `0x${v.toString(16)}`

/** JSON-RPC block fields (no transactions), as stored in the chain store and served as is. */
export type RpcHeader = Record<string, unknown> & { hash: Hash; number: Hex; logsBloom: Hex; timestamp: Hex }
export type RpcTransaction = Record<string, unknown> & { hash: Hash; from: Address }
export type RpcLog = {
  address: Address
  topics: Hash[]
  data: Hex
  blockNumber: Hex
  blockHash: Hash
  blockTimestamp: Hex
  transactionHash: Hash
  transactionIndex: Hex
  logIndex: Hex
  removed: false
}
export type RpcReceipt = Record<string, unknown> & { logs: RpcLog[]; transactionHash: Hash; status: Hex }

/** A header in the eth_getBlockBy* shape (without `transactions`). */
export function formatHeader(header: BlockHeader, hash: Hash, size: number): RpcHeader {
  const out: RpcHeader = {
    hash,
    parentHash: header.parentHash,
    sha3Uncles: header.ommersHash,
    miner: header.coinbase,
    stateRoot: header.stateRoot,
    transactionsRoot: header.transactionsRoot,
    receiptsRoot: header.receiptsRoot,
    logsBloom: header.logsBloom,
    difficulty: q(header.difficulty),
    totalDifficulty: q(header.difficulty),
    number: q(header.number),
    gasLimit: q(header.gasLimit),
    gasUsed: q(header.gasUsed),
    timestamp: q(header.timestamp),
    extraData: header.extraData,
    mixHash: header.mixHash,
    nonce: header.nonce,
    size: q(size),
    uncles: [],
  }
  if (header.baseFeePerGas !== undefined) out.baseFeePerGas = q(header.baseFeePerGas)
  if (header.withdrawalsRoot !== undefined) {
    out.withdrawalsRoot = header.withdrawalsRoot
    out.withdrawals = []
  }
  if (header.blobGasUsed !== undefined) out.blobGasUsed = q(header.blobGasUsed)
  if (header.excessBlobGas !== undefined) out.excessBlobGas = q(header.excessBlobGas)
  if (header.parentBeaconBlockRoot !== undefined) out.parentBeaconBlockRoot = header.parentBeaconBlockRoot
  if (header.requestsHash !== undefined) out.requestsHash = header.requestsHash
  return out
}

type Location = {
  blockHash: Hash | null
  blockNumber: bigint | null
  index: number | null
  baseFee?: bigint | undefined
}

/** A transaction in the eth_getTransactionBy* shape. */
export function formatTransaction(tx: Transaction, hash: Hash, from: Address, at: Location): RpcTransaction {
  const out: RpcTransaction = {
    hash,
    type: q(tx.type),
    from,
    to: tx.to,
    gas: q(tx.gasLimit),
    value: q(tx.value),
    input: bytesToHex(tx.data),
    blockHash: at.blockHash,
    blockNumber: at.blockNumber === null ? null : q(at.blockNumber),
    transactionIndex: at.index === null ? null : q(at.index),
  }
  if (tx.type === 0x7e) {
    out.sourceHash = tx.sourceHash
    out.mint = q(tx.mint)
    out.isSystemTx = tx.isSystemTx
    out.nonce = '0x0'
    out.gasPrice = '0x0'
    return out
  }
  out.nonce = q(tx.nonce)
  out.r = q(tx.r)
  out.s = q(tx.s)
  if (tx.type === 0) {
    out.gasPrice = q(tx.gasPrice)
    out.v = q(tx.v)
    if (tx.chainId !== undefined) out.chainId = q(tx.chainId)
    return out
  }
  out.chainId = q(tx.chainId)
  out.accessList = tx.accessList
  out.yParity = q(tx.yParity)
  out.v = q(tx.yParity)
  if (tx.type === 1) {
    out.gasPrice = q(tx.gasPrice)
    return out
  }
  out.maxFeePerGas = q(tx.maxFeePerGas)
  out.maxPriorityFeePerGas = q(tx.maxPriorityFeePerGas)
  out.gasPrice = q(effectiveGasPrice(tx, at.baseFee))
  if (tx.type === 3) {
    out.maxFeePerBlobGas = q(tx.maxFeePerBlobGas)
    out.blobVersionedHashes = tx.blobVersionedHashes
  }
  if (tx.type === 4)
    out.authorizationList = tx.authorizationList.map((a) => ({
      chainId: q(a.chainId),
      address: a.address,
      nonce: q(a.nonce),
      yParity: q(a.yParity),
      r: q(a.r),
      s: q(a.s),
    }))
  return out
}

/** The price per gas the sender pays in a block with `baseFee` (fee cap when pending). */
export function effectiveGasPrice(tx: Transaction, baseFee: bigint | undefined): bigint {
  if (tx.type === 0x7e) return 0n
  if (tx.type === 0 || tx.type === 1) return tx.gasPrice
  if (baseFee === undefined) return tx.maxFeePerGas
  const tip =
    tx.maxFeePerGas - baseFee < tx.maxPriorityFeePerGas ? tx.maxFeePerGas - baseFee : tx.maxPriorityFeePerGas
  return baseFee + tip
}

/** A log in the eth_getLogs shape. */
export function formatLog(
  log: Log,
  at: {
    blockHash: Hash
    blockNumber: bigint
    timestamp: bigint
    txHash: Hash
    txIndex: number
    logIndex: number
  },
): RpcLog {
  return {
    address: log.address,
    topics: log.topics.map((t) => bytesToHex(t) as Hash),
    data: bytesToHex(log.data),
    blockNumber: q(at.blockNumber),
    blockHash: at.blockHash,
    blockTimestamp: q(at.timestamp),
    transactionHash: at.txHash,
    transactionIndex: q(at.txIndex),
    logIndex: q(at.logIndex),
    removed: false,
  }
}

/** A receipt in the eth_getTransactionReceipt shape. */
export function formatReceipt(
  receipt: Receipt,
  fields: {
    tx: Transaction
    txHash: Hash
    from: Address
    blockHash: Hash
    blockNumber: bigint
    index: number
    gasUsed: bigint
    baseFee: bigint | undefined
    blobGasPrice: bigint | undefined
    contractAddress: Address | null
    logs: RpcLog[]
  },
): RpcReceipt {
  const { tx } = fields
  const out: RpcReceipt = {
    transactionHash: fields.txHash,
    transactionIndex: q(fields.index),
    blockHash: fields.blockHash,
    blockNumber: q(fields.blockNumber),
    from: fields.from,
    to: tx.to,
    cumulativeGasUsed: q(receipt.cumulativeGasUsed),
    gasUsed: q(fields.gasUsed),
    effectiveGasPrice: q(effectiveGasPrice(tx, fields.baseFee)),
    contractAddress: fields.contractAddress,
    logs: fields.logs,
    logsBloom: bytesToHex(receipt.logsBloom),
    type: q(receipt.type),
    status: q(receipt.status),
  }
  if (tx.type === 3) {
    out.blobGasUsed = q(BigInt(tx.blobVersionedHashes.length) * 131072n)
    if (fields.blobGasPrice !== undefined) out.blobGasPrice = q(fields.blobGasPrice)
  }
  return out
}

export { q as toQuantityHex }
