import type { Client } from '../client/createClient.js'
import { AbortError } from '../errors/errors.js'
import { KitError } from '../errors/KitError.js'
import { BroadcastError } from './BroadcastError.js'
import { normalizeRecipients } from './normalizeRecipients.js'
import type { BroadcastFailure, BroadcastInvalid } from './types.js'

/** Addresses per `canMessage` request: the node reads contact topics in batch queries of 50. */
export const DEFAULT_REACH_BATCH_SIZE = 50

export interface CheckReachParameters {
  recipients: readonly string[]
  /** Addresses per `canMessage` request. Default 50. */
  batchSize?: number | undefined
  /** Told after each batch, with the counts so far. */
  onProgress?: ((progress: { total: number; checked: number; onNetwork: number; notOnNetwork: number; failed: number }) => void) | undefined
  /** Told of each address once its answer is known (awaited: a slow handler slows the check). */
  onChecked?: ((address: string, onNetwork: boolean) => void | Promise<void>) | undefined
  signal?: AbortSignal | undefined
}

export interface CheckReachReturnType {
  /** EIP-55 addresses with an XMTP identity, in the order given (first occurrence), deduplicated. */
  onNetwork: string[]
  notOnNetwork: string[]
  /** Batches whose check failed (the node could not be reached): ask again later. */
  failed: BroadcastFailure[]
  /** Malformed addresses and this wallet itself. */
  invalid: BroadcastInvalid[]
}

export const toKitError = (address: string, error: unknown): KitError =>
  error instanceof KitError ? error : new BroadcastError({ address, cause: error })

export function toBatchSize(name: string, batchSize: unknown): number {
  if (batchSize === undefined) return DEFAULT_REACH_BATCH_SIZE
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1) throw new TypeError(`${name}: batchSize must be a positive integer.`)
  return batchSize
}

/** {@link checkReach} on addresses already normalized. */
export async function checkAddresses(
  client: Client,
  addresses: readonly string[],
  { batchSize, onProgress, onChecked, signal }: Omit<CheckReachParameters, 'recipients' | 'batchSize'> & { batchSize: number },
  /** Filled as answers come, so that a caller catching an abort keeps what was learnt. */
  result: Omit<CheckReachReturnType, 'invalid'> = { onNetwork: [], notOnNetwork: [], failed: [] },
): Promise<Omit<CheckReachReturnType, 'invalid'>> {
  const report = () => {
    try {
      onProgress?.({
        total: addresses.length,
        checked: result.onNetwork.length + result.notOnNetwork.length + result.failed.length,
        onNetwork: result.onNetwork.length,
        notOnNetwork: result.notOnNetwork.length,
        failed: result.failed.length,
      })
    } catch {
      // A faulty progress handler must not stop the check.
    }
  }
  for (let start = 0; start < addresses.length; start += batchSize) {
    if (signal?.aborted) throw new AbortError()
    const batch = addresses.slice(start, start + batchSize)
    let answers: boolean[]
    try {
      answers = await client.canMessage(batch)
    } catch (error) {
      for (const address of batch) result.failed.push({ address, stage: 'check', error: toKitError(address, error) })
      report()
      continue
    }
    for (const [i, address] of batch.entries()) {
      ;(answers[i] ? result.onNetwork : result.notOnNetwork).push(address)
      await onChecked?.(address, answers[i] === true)
    }
    report()
  }
  return result
}

/**
 * Which wallets can be messaged: `canMessage` in batches (answers are cached by the client), with malformed
 * addresses, duplicates and this wallet sorted out first. A batch the node cannot answer is reported in
 * `failed`, not thrown.
 *
 * @throws {AbortError} when `signal` aborts.
 * @throws {TypeError} when `recipients` is not an array or `batchSize` not a positive integer.
 * @example
 * const { onNetwork, notOnNetwork } = await checkReach(client, { recipients: holders.map((h) => h.address) })
 */
export async function checkReach(client: Client, parameters: CheckReachParameters): Promise<CheckReachReturnType> {
  if (!Array.isArray(parameters?.recipients)) throw new TypeError('checkReach: recipients must be an array of addresses.')
  const batchSize = toBatchSize('checkReach', parameters.batchSize)
  const { addresses, invalid } = normalizeRecipients(parameters.recipients, client.address)
  return { ...(await checkAddresses(client, addresses, { ...parameters, batchSize })), invalid }
}
