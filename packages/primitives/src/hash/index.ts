export {
  EMPTY_OMMERS_HASH,
  EMPTY_TRIE_ROOT,
  KECCAK256_EMPTY,
  type Keccak256Backend,
  keccak256,
  keccak256Hex,
  setKeccak256Backend,
  useFastKeccak256,
} from './keccak.js'
