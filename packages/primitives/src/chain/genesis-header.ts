import { sha256 } from '@noble/hashes/sha2.js'
import type { Hash, Hex } from 'viem'
import type { BlockHeader } from '../block/header.js'
import { bigIntToHex, bytesToHex, hexToBytes } from '../encoding/hex.js'
import { EMPTY_OMMERS_HASH, EMPTY_TRIE_ROOT, keccak256Hex } from '../hash/keccak.js'
import { stateRoot } from '../trie/state-root.js'
import { DEFAULT_FEE_MARKET } from './base-fee.js'
import { forkAt } from './config.js'
import type { Genesis } from './genesis.js'
import { isForkAtLeast } from './hardforks.js'

// EIP-7685: sha256 of no requests, the requestsHash of a block without requests.
const EMPTY_REQUESTS_HASH = bytesToHex(sha256(new Uint8Array())) as Hash
const ZERO32 = `0x${'00'.repeat(32)}` as Hash

/**
 * State root of a genesis allocation.
 * @example genesisStateRoot(parseGenesis(json))
 */
export function genesisStateRoot(genesis: Pick<Genesis, 'alloc'>): Hash {
  const accounts = [...genesis.alloc].map(([address, a]) => ({
    address,
    nonce: a.nonce,
    balance: a.balance,
    codeHash: keccak256Hex(hexToBytes(a.code)),
    storage: a.storage,
  }))
  return stateRoot(accounts)
}

/**
 * The genesis block header of a parsed genesis file, with the fields of the fork active at
 * genesis (base fee defaulting to 1 gwei from London, empty withdrawals from Shanghai, zero blob
 * fields and beacon root from Cancun, the empty requests hash from Prague), as geth builds it.
 * @example headerHash(genesisHeader(parseGenesis(json))) // the genesis block hash
 */
export function genesisHeader(genesis: Genesis): BlockHeader {
  const fork = forkAt(genesis.config, genesis.number, genesis.timestamp, genesis.difficulty)
  const header: BlockHeader = {
    parentHash: genesis.parentHash,
    ommersHash: EMPTY_OMMERS_HASH,
    coinbase: genesis.coinbase,
    stateRoot: genesisStateRoot(genesis),
    transactionsRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    logsBloom: `0x${'00'.repeat(256)}` as Hex,
    difficulty: genesis.difficulty,
    number: genesis.number,
    gasLimit: genesis.gasLimit,
    gasUsed: genesis.gasUsed,
    timestamp: genesis.timestamp,
    extraData: genesis.extraData,
    mixHash: genesis.mixHash,
    nonce: bigIntToHex(genesis.nonce, 8),
  }
  if (isForkAtLeast(fork, 'London'))
    header.baseFeePerGas =
      genesis.baseFeePerGas ?? genesis.config.feeMarket?.initialBaseFee ?? DEFAULT_FEE_MARKET.initialBaseFee
  if (isForkAtLeast(fork, 'Shanghai')) header.withdrawalsRoot = EMPTY_TRIE_ROOT
  if (isForkAtLeast(fork, 'Cancun')) {
    header.blobGasUsed = genesis.blobGasUsed ?? 0n
    header.excessBlobGas = genesis.excessBlobGas ?? 0n
    header.parentBeaconBlockRoot = ZERO32
  }
  if (isForkAtLeast(fork, 'Prague')) header.requestsHash = EMPTY_REQUESTS_HASH
  return header
}
