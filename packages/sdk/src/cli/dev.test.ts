import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { artifacts } from '@metis-sdk/contracts'
import { getAddress, hexToString, stringToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { aiStackPresetAddresses } from '../chain/genesis-preset.js'
import { AI_INFERENCE_ADDRESS } from '../chain/precompiles.js'
import { parseDevFlags, startDev } from './dev.js'

async function rpc(url: string, method: string, params: unknown[] = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  return ((await res.json()) as { result: unknown }).result
}

describe('metis dev', () => {
  it('validates flags with clear errors', () => {
    expect(() => parseDevFlags({ port: 'abc' })).toThrow(/--port/)
    expect(() => parseDevFlags({ port: '70000' })).toThrow(/--port/)
    expect(() => parseDevFlags({ port: '-1' })).toThrow(/--port must be a non-negative integer/)
    expect(() => parseDevFlags({ fork: 'Nonsense' })).toThrow(/unknown fork Nonsense/)
    expect(() => parseDevFlags({ blockTime: '-1' })).toThrow(
      /--block-time must be a positive number of seconds/,
    )
    expect(() => parseDevFlags({ blockTime: '0' })).toThrow(/--block-time must be a positive number/)
    expect(() => parseDevFlags({ blockTime: 'soon' })).toThrow(/--block-time/)
    expect(() => parseDevFlags({ chainId: '-5' })).toThrow(/--chain-id/)
    expect(() => parseDevFlags({ accounts: '-2' })).toThrow(/--accounts/)
    expect(() => parseDevFlags({ balance: '1.5' })).toThrow(/--balance/)
    const o = parseDevFlags({ chainId: '1337', blockTime: '2', ephemeral: true })
    expect(o.chainId).toBe(1337n)
    expect(o.blockTime).toBe(2)
    expect(o.dataDir).toBeUndefined()
    expect(o.port).toBe(8545)
    expect(o.aiStack).toBe(true)
    // Without --ephemeral the chain lives in ./.metis, resolved against the working directory.
    expect(parseDevFlags({}).dataDir).toBe(resolve('.metis'))
    expect(parseDevFlags({ aiStack: false }).aiStack).toBe(false)
  })

  it('starts a node, prints the 10 accounts like anvil, serves JSON-RPC, has the AI stack', async () => {
    const options = parseDevFlags({ port: '0', ephemeral: true, chainId: '31337' })
    const { node, server, banner } = await startDev(options)
    try {
      expect(banner).toContain(
        '(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (10000.000000000000000000 ETH)',
      )
      expect(banner).toContain('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
      // anvil's tenth default account and key
      expect(banner).toContain(
        '(9) 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720 (10000.000000000000000000 ETH)',
      )
      expect(banner).toContain('(9) 0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6')
      expect(banner).not.toContain('(10) ')
      expect(banner).toContain('31337')
      expect(banner).toContain('(ephemeral)')
      expect(banner).toContain(aiStackPresetAddresses.dataAnchoringToken)
      expect(await rpc(server.url, 'eth_chainId')).toBe('0x7a69')
      expect(await rpc(server.url, 'eth_blockNumber')).toBe('0x0')
      const code = (await rpc(server.url, 'eth_getCode', [
        aiStackPresetAddresses.dataAnchoringToken,
        'latest',
      ])) as string
      expect(code.length).toBeGreaterThan(2)
      const { encodeFunctionData, decodeFunctionResult } = await import('viem')
      const abi = artifacts.DataAnchoringToken.abi
      const out = await rpc(server.url, 'eth_call', [
        {
          to: aiStackPresetAddresses.dataAnchoringToken,
          data: encodeFunctionData({ abi, functionName: 'owner' }),
        },
        'latest',
      ])
      expect(decodeFunctionResult({ abi, functionName: 'owner', data: out as `0x${string}` })).toBe(
        getAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'),
      )
    } finally {
      await server.close()
      await node.close()
    }
  })

  it('--ai-inference <module> installs the AI inference precompile (feature flag)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metis-ai-'))
    try {
      const file = join(dir, 'handler.mjs')
      writeFileSync(file, 'export default (prompt) => prompt.toUpperCase()\n')
      const { node, server, banner } = await startDev(
        parseDevFlags({ port: '0', ephemeral: true, aiInference: file }),
      )
      try {
        expect(banner).toContain(AI_INFERENCE_ADDRESS)
        const out = await rpc(server.url, 'eth_call', [
          { to: AI_INFERENCE_ADDRESS, data: stringToHex('hi there') },
          'latest',
        ])
        expect(hexToString(out as `0x${string}`)).toBe('HI THERE')
      } finally {
        await server.close()
        await node.close()
      }
      // Without the flag nothing answers at 0x…0999.
      const plain = await startDev(parseDevFlags({ port: '0', ephemeral: true }))
      try {
        expect(
          await rpc(plain.server.url, 'eth_call', [{ to: AI_INFERENCE_ADDRESS, data: '0x6869' }, 'latest']),
        ).toBe('0x')
      } finally {
        await plain.server.close()
        await plain.node.close()
      }
      writeFileSync(join(dir, 'bad.mjs'), 'export const x = 1\n')
      await expect(
        startDev(parseDevFlags({ port: '0', ephemeral: true, aiInference: join(dir, 'bad.mjs') })),
      ).rejects.toThrow(/must export a default function/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--ai-inference with --workers: the Block-STM workers load the same handler', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metis-ai-'))
    try {
      // 5 ms per call, so the worker thread surely takes part in the block beside the main thread.
      const file = join(dir, 'handler.mjs')
      writeFileSync(
        file,
        'export default (p) => { const t = performance.now() + 5; while (performance.now() < t) {} return p.toUpperCase() }\n',
      )
      const { node, server } = await startDev(
        parseDevFlags({ port: '0', ephemeral: true, aiInference: file, workers: '1', blockTime: '3600' }),
      )
      try {
        const senders = node.accounts.slice(0, 8).map((a) => a.address)
        const hashes: string[] = []
        // Two blocks of 24 calls: the first also starts the worker (which then loads the handler).
        for (let block = 0; block < 2; block++) {
          for (let round = 0; round < 3; round++)
            for (const from of senders)
              hashes.push(
                (await rpc(server.url, 'eth_sendTransaction', [
                  { from, to: AI_INFERENCE_ADDRESS, data: stringToHex('hello world'), gas: '0x30000' },
                ])) as string,
              )
          await rpc(server.url, 'evm_mine')
        }
        const report = (node.node as unknown as { executor?: { lastReport?: Record<string, unknown> } })
          .executor?.lastReport
        expect(report?.mode).toBe('parallel')
        expect(report?.callerShare).toBeLessThan(1) // the worker executed some of them
        const used = new Set<string>()
        for (const h of hashes) {
          const r = (await rpc(server.url, 'eth_getTransactionReceipt', [h])) as {
            status: string
            gasUsed: string
          }
          expect(r.status).toBe('0x1')
          used.add(r.gasUsed)
        }
        // Every call paid the precompile (a VM without it would charge only the EIP-7623 floor, 21,440).
        expect(used.size).toBe(1)
        expect(BigInt([...used][0]!)).toBeGreaterThan(21_440n)
      } finally {
        await server.close()
        await node.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--no-ai-stack starts with an empty genesis', async () => {
    const { node, server } = await startDev(parseDevFlags({ port: '0', ephemeral: true, aiStack: false }))
    try {
      expect(
        await rpc(server.url, 'eth_getCode', [aiStackPresetAddresses.dataAnchoringToken, 'latest']),
      ).toBe('0x')
    } finally {
      await server.close()
      await node.close()
    }
  })

  it('resumes the chain from its data directory after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metis-dev-'))
    try {
      const options = parseDevFlags({ port: '0', dataDir: join(dir, '.metis') })
      const first = await startDev(options)
      const from = first.node.accounts[0]!
      const to = first.node.accounts[1]!
      await rpc(first.server.url, 'eth_sendTransaction', [
        { from: from.address, to: to.address, value: '0x7' },
      ])
      expect(await rpc(first.server.url, 'eth_blockNumber')).toBe('0x1')
      const balance = await rpc(first.server.url, 'eth_getBalance', [to.address, 'latest'])
      await first.server.close()
      await first.node.close()
      const second = await startDev(options)
      try {
        expect(await rpc(second.server.url, 'eth_blockNumber')).toBe('0x1')
        expect(await rpc(second.server.url, 'eth_getBalance', [to.address, 'latest'])).toBe(balance)
        const code = await rpc(second.server.url, 'eth_getCode', [aiStackPresetAddresses.stakeHub, 'latest'])
        expect((code as string).length).toBeGreaterThan(2)
      } finally {
        await second.server.close()
        await second.node.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // The fresh-user path: `npm start` runs `metis dev` — here the CLI entry run from source.
  const cli = fileURLToPath(new URL('./metis.ts', import.meta.url))
  const run = (args: string[]) =>
    spawn(process.execPath, ['--conditions=@metis-sdk/source', '--import', 'tsx', cli, 'dev', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  const collect = (p: ChildProcess) => {
    const out = { stdout: '', stderr: '' }
    p.stdout?.on('data', (d) => {
      out.stdout += d
    })
    p.stderr?.on('data', (d) => {
      out.stderr += d
    })
    return out
  }
  const exit = (p: ChildProcess) => new Promise<number | null>((r) => p.once('exit', (code) => r(code)))

  it('the CLI prints the banner, serves, and stops cleanly on SIGINT', async () => {
    const p = run(['--port', '0', '--ephemeral'])
    const out = collect(p)
    const done = exit(p)
    try {
      await new Promise<void>((res, rej) => {
        const t = setInterval(() => {
          if (out.stdout.includes('Listening on')) {
            clearInterval(t)
            res()
          } else if (p.exitCode !== null) {
            clearInterval(t)
            rej(new Error(`metis dev exited: ${out.stderr}`))
          }
        }, 20)
      })
      expect(out.stdout).toContain('Available Accounts')
      expect(out.stdout).toContain('(9) 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720')
      expect(out.stdout).toContain('Private Keys')
    } finally {
      p.kill('SIGINT')
    }
    expect(await done).toBe(0)
  }, 60_000)

  it('the CLI exits with code 2 and a clear message on bad flags', async () => {
    for (const [args, message] of [
      [['--port', 'http'], '--port must be a non-negative integer'],
      [['--fork', 'Atlantis'], 'unknown fork Atlantis'],
      [['--block-time', '-3'], '--block-time must be a positive number of seconds'],
    ] as const) {
      const p = run([...args])
      const out = collect(p)
      expect(await exit(p)).toBe(2)
      expect(out.stderr).toContain(`metis dev: ${message}`)
    }
  }, 60_000)
})
