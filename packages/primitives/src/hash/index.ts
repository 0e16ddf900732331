export {
  keccak256,
  keccak256Hex,
  setKeccak256Backend,
  useFastKeccak256,
  KECCAK256_EMPTY,
  EMPTY_TRIE_ROOT,
  EMPTY_OMMERS_HASH,
  type Keccak256Backend,
} from './keccak.js'
