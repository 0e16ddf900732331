#!/usr/bin/env node
import { Command } from 'commander'
import { parseDevFlags, startDev } from './dev.js'

const program = new Command()
program.name('metis').description('MetisSDK command line')

program
  .command('dev')
  .description('start a local development node (JSON-RPC over HTTP and WebSocket)')
  .option('-p, --port <port>', 'port to listen on', '8545')
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option('--chain-id <id>', 'chain id', '31337')
  .option('-b, --block-time <seconds>', 'mine a block every N seconds instead of automine')
  .option('--gas-limit <gas>', 'block gas limit', '30000000')
  .option('--fork <name>', 'hardfork active from genesis', 'Prague')
  .option('--workers <n>', 'Block-STM worker threads beside the main thread (0 = sequential)', '0')
  .option('--data-dir <path>', 'where chain and state are stored', './.metis')
  .option('--ephemeral', 'keep everything in a temporary directory, deleted on exit')
  .option('-a, --accounts <n>', 'number of funded dev accounts', '10')
  .option('--balance <ether>', 'balance of every dev account in ether', '10000')
  .option('-m, --mnemonic <words>', 'mnemonic the dev accounts derive from')
  .option('--silent', 'print nothing but errors')
  .option('--no-ai-stack', 'do not predeploy the AI contract stack in genesis')
  .option(
    '--ai-inference <module>',
    'enable the AI inference precompile at 0x…0999; the module default-exports a deterministic (prompt) => text handler',
  )
  .action(async (flags: Record<string, unknown>) => {
    let options: ReturnType<typeof parseDevFlags>
    try {
      options = parseDevFlags(flags)
    } catch (err) {
      console.error(`metis dev: ${(err as Error).message}`)
      process.exit(2)
    }
    try {
      const { node, server, banner } = await startDev(options)
      if (!options.silent) console.log(banner)
      const stop = async () => {
        await server.close()
        await node.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    } catch (err) {
      console.error(`metis dev: ${(err as Error).message}`)
      process.exit(1)
    }
  })

program.parseAsync(process.argv).catch((err) => {
  console.error(err)
  process.exit(1)
})
