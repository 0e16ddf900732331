import { artifacts } from '@metis-sdk/contracts'
import { type Address, type Hex, keccak256, stringToHex, zeroAddress } from 'viem'
import { readContract } from 'viem/actions'
import { type MetisWriteClient, simulateAndWrite } from './write.js'

const abi = artifacts.DataAnchoringToken.abi

/** Creates a DAT class (dataset, model, agent); the caller becomes its owner. Returns the class id. */
export function createDatClass(
  client: MetisWriteClient,
  p: { dat: Address; metadataURI: string; integrityHash: Hex; unitDecimals?: number; policyURI?: string },
) {
  return simulateAndWrite<bigint>(client, {
    address: p.dat,
    abi,
    functionName: 'createClass',
    args: [p.metadataURI, p.integrityHash, p.unitDecimals ?? 0, p.policyURI ?? ''],
  })
}

/** Mints a DAT (usage quota `value`, revenue weight `shareRatio`, `expireAt` 0 = never). Returns the token id. */
export function mintDat(
  client: MetisWriteClient,
  p: { dat: Address; classId: bigint; to: Address; value: bigint; shareRatio: bigint; expireAt?: bigint },
) {
  return simulateAndWrite<bigint>(client, {
    address: p.dat,
    abi,
    functionName: 'mint',
    args: [p.classId, p.to, p.value, p.shareRatio, p.expireAt ?? 0n],
  })
}

/** Consumes `amount` of a token's quota; `metric` is hashed to the on-chain metric type. */
export function recordUsage(
  client: MetisWriteClient,
  p: { dat: Address; tokenId: bigint; metric: string; amount: bigint },
) {
  return simulateAndWrite<void>(client, {
    address: p.dat,
    abi,
    functionName: 'recordUsage',
    args: [p.tokenId, keccak256(stringToHex(p.metric)), p.amount],
  })
}

/** Pays revenue to a class: ETH (`asset` omitted) or an approved ERC-20. */
export function settleRevenue(
  client: MetisWriteClient,
  p: { dat: Address; classId: bigint; amount: bigint; asset?: Address },
) {
  if (!p.asset || p.asset === zeroAddress)
    return simulateAndWrite<void>(client, {
      address: p.dat,
      abi,
      functionName: 'settleRevenueETH',
      args: [p.classId],
      value: p.amount,
    })
  return simulateAndWrite<void>(client, {
    address: p.dat,
    abi,
    functionName: 'settleRevenueERC20',
    args: [p.classId, p.asset, p.amount],
  })
}

/** Claims a token's pending revenue in `asset` (default ETH) to `to` (default the caller). */
export function claimRevenue(
  client: MetisWriteClient,
  p: { dat: Address; tokenId: bigint; asset?: Address; to?: Address },
) {
  return simulateAndWrite<bigint>(client, {
    address: p.dat,
    abi,
    functionName: 'claim',
    args: [p.tokenId, p.asset ?? zeroAddress, p.to ?? client.account.address],
  })
}

/** Revenue a token can claim now. */
export function pendingRevenue(
  client: MetisWriteClient,
  p: { dat: Address; tokenId: bigint; asset?: Address },
) {
  return readContract(client, {
    address: p.dat,
    abi,
    functionName: 'pendingRevenue',
    args: [p.tokenId, p.asset ?? zeroAddress],
  })
}
