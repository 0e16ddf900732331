import { z } from 'zod'

/** JSON-RPC parameter schemas (zod), shared by every method. Quantities are 0x hex, no leading zeros required. */
export const quantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,64}$/, 'invalid quantity')
  .transform((s) => BigInt(s))
export const hexData = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})*$/, 'invalid hex data') as z.ZodType<`0x${string}`>
export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'invalid address')
  .transform((s) => s.toLowerCase() as `0x${string}`)
export const hash32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'invalid hash')
  .transform((s) => s.toLowerCase() as `0x${string}`)

export type BlockTag =
  | { kind: 'number'; number: bigint }
  | { kind: 'tag'; tag: 'latest' | 'earliest' | 'pending' | 'safe' | 'finalized' }
  | { kind: 'hash'; hash: `0x${string}` }

export const blockTag = z.union([
  z
    .enum(['latest', 'earliest', 'pending', 'safe', 'finalized'])
    .transform((tag): BlockTag => ({ kind: 'tag', tag })),
  quantity.transform((number): BlockTag => ({ kind: 'number', number })),
  hash32.transform((hash): BlockTag => ({ kind: 'hash', hash })),
  z
    .object({ blockHash: hash32, requireCanonical: z.boolean().optional() })
    .transform((o): BlockTag => ({ kind: 'hash', hash: o.blockHash })),
  z.object({ blockNumber: quantity }).transform((o): BlockTag => ({ kind: 'number', number: o.blockNumber })),
])
export const optionalBlockTag = blockTag.optional()

const accessList = z.array(z.object({ address, storageKeys: z.array(hash32) }))

/** A call / transaction request object (eth_call, eth_estimateGas, eth_sendTransaction). */
export const callRequest = z.object({
  from: address.optional(),
  to: address.nullable().optional(),
  gas: quantity.optional(),
  gasPrice: quantity.optional(),
  maxFeePerGas: quantity.optional(),
  maxPriorityFeePerGas: quantity.optional(),
  maxFeePerBlobGas: quantity.optional(),
  value: quantity.optional(),
  data: hexData.optional(),
  input: hexData.optional(),
  nonce: quantity.optional(),
  accessList: accessList.optional(),
  blobVersionedHashes: z.array(hash32).optional(),
  authorizationList: z.array(z.any()).optional(),
  type: quantity.optional(),
  chainId: quantity.optional(),
})
export type CallRequest = z.infer<typeof callRequest>

export const stateOverride = z
  .record(
    z.string(),
    z.object({
      balance: quantity.optional(),
      nonce: quantity.optional(),
      code: hexData.optional(),
      state: z.record(z.string(), hash32).optional(),
      stateDiff: z.record(z.string(), hash32).optional(),
    }),
  )
  .optional()

const topic = z.union([hash32, z.null(), z.array(hash32)])
export const logFilter = z.object({
  fromBlock: blockTag.optional(),
  toBlock: blockTag.optional(),
  address: z
    .union([address, z.array(address)])
    .optional()
    .nullable(),
  topics: z.array(topic).max(4).optional().nullable(),
  blockHash: hash32.optional(),
})
export type LogFilter = z.infer<typeof logFilter>
