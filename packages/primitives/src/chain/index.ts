export { HARDFORKS, hardforkOrdinal, isForkAtLeast, normalizeHardfork, type Hardfork } from './hardforks.js'
