import { getAddress, isAddress } from '@xmtp-kit/client'

/** Looks up the address of a name (e.g. an ENS name): `null` when it has none. May throw when the lookup fails. */
export type AddressResolver = (name: string) => Promise<string | null | undefined>

/** The subset of a viem `PublicClient` that ENS address lookups need. */
export interface EnsAddressReader {
  getEnsAddress(parameters: { name: string }): Promise<string | null>
}

/**
 * An `AddressResolver` over ENS, through a viem public client on a chain with ENS (e.g. wagmi's
 * `usePublicClient({ chainId: mainnet.id })`). Names are trimmed and lowercased; names beyond ASCII should be
 * normalized first (viem's `normalize`). A failed lookup rejects, so it can be told apart from a name
 * without an address (`null`).
 *
 * @example
 * <NewConversation resolveAddress={ensAddressResolver(publicClient)} onConversation={open} />
 */
export function ensAddressResolver(client: EnsAddressReader): AddressResolver {
  return (name) => client.getEnsAddress({ name: name.trim().toLowerCase() })
}

/** What a recipient input holds. */
export type Recipient =
  | { kind: 'empty' }
  | { kind: 'address'; address: string }
  | { kind: 'badChecksum' }
  | { kind: 'name'; name: string }
  | { kind: 'invalid' }

const NAME = /^[^\s.]+(\.[^\s.]+)+$/

/**
 * Reads a recipient input: a `0x` address (all lowercase, all uppercase, or mixed case with a valid EIP-55
 * checksum), else a dotted name (`name.eth`).
 */
export function parseRecipient(input: string): Recipient {
  const value = input.trim()
  if (value === '') return { kind: 'empty' }
  if (isAddress(value)) {
    const address = getAddress(value)
    const hex = value.slice(2)
    const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase()
    return mixed && address !== value ? { kind: 'badChecksum' } : { kind: 'address', address }
  }
  if (NAME.test(value)) return { kind: 'name', name: value }
  return { kind: 'invalid' }
}
