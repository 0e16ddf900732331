import type { Hash } from 'viem'
import { keccak256Hex } from '../hash/keccak.js'
import { encodeHeader } from './encode-header.js'
import type { BlockHeader } from './header.js'

/**
 * The block hash: keccak256 of the RLP-encoded header.
 * @example headerHash(decodeHeader(genesisRlp)) // the genesis block hash
 */
export function headerHash(header: BlockHeader): Hash {
  return keccak256Hex(encodeHeader(header))
}
