// Child process of the SIGKILL test: mines blocks with value transfers as fast as it can and
// prints each committed block as `<number> <hash>` (printed only after the block is fully written).
import { bytesToHex, encodeTransaction, signTransaction } from '@metis-sdk/primitives'
import { createNode } from '../src/index.js'

const dir = process.argv[2]!
const node = createNode({ dataDir: dir, noSync: false })
const key = node.accounts[0]!.privateKey
let nonce = BigInt(
  await node.request({ method: 'eth_getTransactionCount', params: [node.accounts[0]!.address, 'latest'] }),
)
process.stdout.write('ready\n')
for (;;) {
  const tx = signTransaction(
    {
      type: 2,
      chainId: 31337n,
      nonce: nonce++,
      maxFeePerGas: 10n ** 11n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 21_000n,
      to: node.accounts[1]!.address,
      value: 1n,
      data: new Uint8Array(),
      accessList: [],
    },
    key,
  )
  await node.request({ method: 'eth_sendRawTransaction', params: [bytesToHex(encodeTransaction(tx))] })
  const block = await node.request({ method: 'eth_getBlockByNumber', params: ['latest', false] })
  process.stdout.write(`${BigInt(block.number)} ${block.hash}\n`)
}
