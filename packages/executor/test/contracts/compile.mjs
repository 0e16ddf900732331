// Regenerates bytecode.json from Workload.sol: `node packages/executor/test/contracts/compile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import solc from 'solc'

const source = readFileSync(new URL('./Workload.sol', import.meta.url), 'utf8')
const input = {
  language: 'Solidity',
  sources: { 'Workload.sol': { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
}
const out = JSON.parse(solc.compile(JSON.stringify(input)))
for (const e of out.errors ?? []) if (e.severity === 'error') throw new Error(e.formattedMessage)
const result = { solc: solc.version() }
for (const [name, c] of Object.entries(out.contracts['Workload.sol']))
  result[name] = { initcode: `0x${c.evm.bytecode.object}`, runtime: `0x${c.evm.deployedBytecode.object}` }
writeFileSync(new URL('./bytecode.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`)
console.log(Object.keys(result).join(', '))
