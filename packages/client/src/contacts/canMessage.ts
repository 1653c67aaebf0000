import type { Transport } from '../transport/types.js'
import { fetchContacts } from './fetchContact.js'

export interface CanMessageParameters {
  transport: Transport
  signal?: AbortSignal
}

/**
 * Whether wallets have a valid XMTP identity, without an identity of one's own (the SDK's static
 * `Client.canMessage`). Invalid addresses and forged bundles give `false`.
 */
export async function canMessage(address: string, parameters: CanMessageParameters): Promise<boolean>
export async function canMessage(addresses: readonly string[], parameters: CanMessageParameters): Promise<boolean[]>
export async function canMessage(addresses: string | readonly string[], { transport, signal }: CanMessageParameters) {
  const list = typeof addresses === 'string' ? [addresses] : addresses
  const contacts = await fetchContacts({ transport, addresses: list, signal })
  const result = contacts.map((c) => c !== undefined)
  return typeof addresses === 'string' ? result[0] : result
}
