import type { Client } from '../client/createClient.js'
import { publishConsentAction } from './publishConsentAction.js'

export interface DenyParameters {
  signal?: AbortSignal | undefined
}

/**
 * Blocks wallets: publishes one encrypted `deny_address` action on the wallet's private preferences topic
 * (§11). Their conversations classify as `denied`. Local state changes at once (and is restored if the
 * publish fails).
 *
 * @throws {InvalidAddressError} for a malformed address; {@link TypeError} when `addresses` is not an array.
 * @throws {TransportError} when the node refuses it or cannot be reached.
 * @example
 * await deny(client, ['0xAbC…'])
 */
export async function deny(client: Client, addresses: readonly string[], parameters: DenyParameters = {}): Promise<void> {
  await publishConsentAction(client, 'denied', addresses, parameters.signal)
}
