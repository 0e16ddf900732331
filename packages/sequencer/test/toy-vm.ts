// Until @metis-sdk/vm lands, the node tests drive the executor's toy VM (Ethereum nonce/balance/fee
// rules for plain transfers). It has the same TxExecutor shape as the real VM.
import * as toy from '../../executor/test/toy-vm.mjs'
import type { NodeVm } from '../src/index.js'

export const toyVm = toy as unknown as NodeVm
