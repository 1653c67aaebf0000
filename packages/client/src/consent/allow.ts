import type { Client } from '../client/createClient.js'
import { publishConsentAction } from './publishConsentAction.js'

export interface AllowParameters {
  signal?: AbortSignal | undefined
}

/**
 * Allows wallets to reach this one: publishes one encrypted `allow_address` action on the wallet's private
 * preferences topic (§11), readable by its other clients and the official SDK. Local state changes at once
 * (and is restored if the publish fails).
 *
 * @throws {InvalidAddressError} for a malformed address; {@link TypeError} when `addresses` is not an array.
 * @throws {TransportError} when the node refuses it or cannot be reached.
 * @example
 * await allow(client, ['0xAbC…'])
 */
export async function allow(client: Client, addresses: readonly string[], parameters: AllowParameters = {}): Promise<void> {
  await publishConsentAction(client, 'allowed', addresses, parameters.signal)
}
