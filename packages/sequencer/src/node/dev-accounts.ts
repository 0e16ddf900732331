import type { Address, Hex } from '@metis-sdk/primitives'
import { bytesToHex } from '@metis-sdk/primitives'
import { mnemonicToAccount } from 'viem/accounts'

/** The mnemonic every Ethereum dev node (anvil, hardhat) funds by default. */
export const DEFAULT_MNEMONIC = 'test test test test test test test test test test test junk'

/** A funded development account. */
export type DevAccount = { address: Address; privateKey: Hex }

/**
 * Derives `count` accounts from `mnemonic` along m/44'/60'/0'/0/i, as anvil and hardhat do.
 * @example deriveDevAccounts(DEFAULT_MNEMONIC, 1)[0].address // 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266
 */
export function deriveDevAccounts(mnemonic: string, count: number): DevAccount[] {
  const out: DevAccount[] = []
  for (let i = 0; i < count; i++) {
    const account = mnemonicToAccount(mnemonic, { addressIndex: i })
    const key = account.getHdKey().privateKey
    if (!key) throw new Error('HD key without a private key')
    out.push({ address: account.address.toLowerCase() as Address, privateKey: bytesToHex(key) })
  }
  return out
}
