// A deliberately small transaction executor with the @metis-sdk/vm interface, used to exercise
// the Block-STM engine (scheduler, multi-version memory, lazy crediting, fallback) independently
// of the EVM: nonce/balance/fee rules like Ethereum, and a handful of "programs" selected by the
// first code byte (counter, token, AMM, BALANCE probe, self-destruct, gas burner, deployer).
import {
  bytesToHex,
  hexToBytes,
  KECCAK256_EMPTY,
  keccak256,
  keccak256Hex,
  rlpEncode,
} from '@metis-sdk/primitives'

class TransactionValidationError extends Error {
  name = 'TransactionValidationError'
}

const TRANSFER_TOPIC = new Uint8Array(32).fill(0xdd)

function word(bytes, at) {
  let v = 0n
  for (let i = at; i < at + 32; i++) v = (v << 8n) | BigInt(bytes[i] ?? 0)
  return v
}
function wordBytes(v) {
  const out = new Uint8Array(32)
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}
function createAddress(from, nonce) {
  return bytesToHex(keccak256(rlpEncode([hexToBytes(from), nonce])).subarray(12))
}

class Journal {
  constructor(state) {
    this.state = state
    this.changes = new Map()
  }
  entry(a) {
    let e = this.changes.get(a)
    if (!e) {
      const account = this.state.getAccount(a)
      e = {
        account: account ? { ...account } : undefined,
        storage: new Map(),
        storageCleared: false,
        code: undefined,
        touched: false,
      }
      this.changes.set(a, e)
    }
    return e
  }
  account(a) {
    return this.entry(a).account
  }
  setAccount(a, account) {
    const e = this.entry(a)
    e.account = account
    e.touched = true
  }
  addBalance(a, v) {
    const acc = this.account(a) ?? { nonce: 0n, balance: 0n, codeHash: KECCAK256_EMPTY }
    this.setAccount(a, { ...acc, balance: acc.balance + v })
  }
  code(a) {
    const e = this.entry(a)
    if (e.code) return e.code
    return e.account ? this.state.getCode(e.account.codeHash) : new Uint8Array(0)
  }
  sload(a, slot) {
    const e = this.entry(a)
    if (e.storage.has(slot)) return e.storage.get(slot)
    if (e.storageCleared) return 0n
    return this.state.getStorage(a, slot)
  }
  sstore(a, slot, v) {
    const e = this.entry(a)
    e.storage.set(slot, v)
    e.touched = true
  }
  snapshot() {
    return new Map(
      [...this.changes].map(([k, e]) => [
        k,
        { ...e, account: e.account && { ...e.account }, storage: new Map(e.storage) },
      ]),
    )
  }
  restore(s) {
    this.changes = s
  }
  diff() {
    const accounts = new Map()
    for (const [a, e] of this.changes) {
      if (!e.touched) continue
      accounts.set(a, {
        account: e.account,
        code: e.code,
        storageCleared: e.storageCleared,
        storage: e.storage,
      })
    }
    return { accounts }
  }
}

function run(j, self, from, code, data, logs) {
  const gas = 0n
  switch (code[0]) {
    case 0x01: {
      const slot = word(data, 0)
      j.sstore(self, slot, j.sload(self, slot) + 1n)
      return { gas: 5000n }
    }
    case 0x02: {
      const to = bytesToHex(data.subarray(0, 20))
      const amount = word(data, 20)
      const fromSlot = BigInt(from)
      const bal = j.sload(self, fromSlot)
      if (bal < amount) return { gas: 3000n, revert: true }
      j.sstore(self, fromSlot, bal - amount)
      j.sstore(self, BigInt(to), j.sload(self, BigInt(to)) + amount)
      logs.push({
        address: self,
        topics: [TRANSFER_TOPIC, wordBytes(BigInt(from)), wordBytes(BigInt(to))],
        data: wordBytes(amount),
      })
      return { gas: 10000n }
    }
    case 0x03: {
      const amountIn = word(data, 0)
      const r0 = j.sload(self, 0n)
      const r1 = j.sload(self, 1n)
      const out = (r1 * amountIn) / (r0 + amountIn)
      j.sstore(self, 0n, r0 + amountIn)
      j.sstore(self, 1n, r1 - out)
      logs.push({ address: self, topics: [TRANSFER_TOPIC], data: wordBytes(out) })
      return { gas: 20000n }
    }
    case 0x31: {
      // BALANCE(coinbase) stored at slot 0: the executor must not credit the coinbase lazily here.
      j.sstore(self, 0n, j.account(j.coinbase)?.balance ?? 0n)
      return { gas: 2600n }
    }
    case 0x04: {
      const acc = j.account(self)
      j.addBalance(from, acc.balance)
      const e = j.entry(self)
      e.account = undefined
      e.storageCleared = true
      e.storage = new Map()
      e.touched = true
      return { gas: 5000n }
    }
    case 0x05:
      return { gas: word(data, 0) }
    case 0x06: {
      const acc = j.account(self)
      const child = createAddress(self, acc.nonce)
      j.setAccount(self, { ...acc, nonce: acc.nonce + 1n })
      deploy(j, child, data)
      return { gas: 32000n + BigInt(data.length) * 200n }
    }
    default:
      return { gas }
  }
}

function deploy(j, address, code) {
  const e = j.entry(address)
  if (e.account && (e.account.nonce > 0n || e.account.codeHash !== KECCAK256_EMPTY)) return false
  e.account = { nonce: 1n, balance: e.account?.balance ?? 0n, codeHash: keccak256Hex(code) }
  e.code = code
  e.storageCleared = true
  e.storage = new Map()
  e.touched = true
  return true
}

export function executeTransaction({ state, block, tx, sender }) {
  const j = new Journal(state)
  j.coinbase = block.coinbase
  const from = sender.toLowerCase()
  const acc = j.account(from)
  if (!acc) throw new TransactionValidationError('sender account does not exist')
  if (acc.nonce !== tx.nonce)
    throw new TransactionValidationError(`nonce ${tx.nonce} but account has ${acc.nonce}`)
  const price =
    tx.type === 0
      ? tx.gasPrice
      : tx.maxFeePerGas < block.baseFee + tx.maxPriorityFeePerGas
        ? tx.maxFeePerGas
        : block.baseFee + tx.maxPriorityFeePerGas
  if (price < block.baseFee) throw new TransactionValidationError('fee cap below base fee')
  if (acc.balance < tx.gasLimit * price + tx.value) throw new TransactionValidationError('insufficient funds')
  j.setAccount(from, { ...acc, nonce: acc.nonce + 1n, balance: acc.balance - tx.gasLimit * price })
  let gas = 21000n
  let status = 'success'
  let haltReason
  let logs = []
  let createdAddress
  const snap = j.snapshot()
  if (tx.to === null) {
    const address = createAddress(from, tx.nonce)
    if (deploy(j, address, tx.data)) {
      j.addBalance(address, tx.value)
      j.addBalance(from, -tx.value)
      createdAddress = address
    } else status = 'halt'
    gas += 32000n + BigInt(tx.data.length) * 200n
  } else {
    const to = tx.to.toLowerCase()
    j.addBalance(from, -tx.value)
    j.addBalance(to, tx.value)
    const code = j.code(to)
    if (code.length > 0) {
      const r = run(j, to, from, code, tx.data, logs)
      gas += r.gas
      if (r.revert) status = 'revert'
    }
  }
  if (gas > tx.gasLimit) {
    status = 'halt'
    haltReason = 'OutOfGas'
    gas = tx.gasLimit
  }
  if (status !== 'success') {
    j.restore(snap)
    logs = []
    createdAddress = undefined
  }
  j.addBalance(from, (tx.gasLimit - gas) * price)
  j.addBalance(block.coinbase, (price - block.baseFee) * gas)
  return {
    status,
    haltReason,
    gasUsed: gas,
    gasRefunded: 0n,
    output: new Uint8Array(0),
    logs,
    createdAddress,
    blobGasUsed: 0n,
    diff: j.diff(),
  }
}

export function executeSystemCall() {
  return { output: new Uint8Array(0), diff: { accounts: new Map() } }
}
