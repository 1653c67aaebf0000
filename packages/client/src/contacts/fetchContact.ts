import { isAddress } from '../crypto/address.js'
import type { Transport } from '../transport/types.js'
import { buildContactTopic } from '../utils/topics.js'
import { findContact, type Contact } from './contactBundle.js'

/** The SDK reads contact topics five envelopes at a time, newest first (§7). */
const CONTACT_PAGE_SIZE = 5

export interface FetchContactParameters {
  transport: Transport
  address: string
  signal?: AbortSignal
}

/**
 * Finds a wallet's newest valid contact bundle on the network: pages through its contact topic newest
 * first, skipping anything malformed or not signed by that wallet. `undefined` when there is none or the
 * address is invalid.
 */
export async function fetchContact({ transport, address, signal }: FetchContactParameters): Promise<Contact | undefined> {
  if (!isAddress(address)) return undefined
  const pages = transport.query({ contentTopic: buildContactTopic(address), direction: 'descending', pageSize: CONTACT_PAGE_SIZE, signal })
  for await (const page of pages) {
    const found = findContact(page.envelopes.map((e) => e.message), address)
    if (found) return found
  }
  return undefined
}

export interface FetchContactsParameters {
  transport: Transport
  addresses: readonly string[]
  signal?: AbortSignal
}

/**
 * Contacts of many wallets at once: one batch query (chunks of 50, in parallel) reading the newest five
 * envelopes of each contact topic. Results are in input order; invalid addresses give `undefined`.
 */
export async function fetchContacts({ transport, addresses, signal }: FetchContactsParameters): Promise<Array<Contact | undefined>> {
  const valid = addresses.map((a) => isAddress(a))
  const queries = addresses.filter((_, i) => valid[i]).map((address) => ({
    contentTopic: buildContactTopic(address),
    direction: 'descending' as const,
    pageSize: CONTACT_PAGE_SIZE,
  }))
  const pages = queries.length > 0 ? await transport.batchQuery(queries, { signal }) : []
  let next = 0
  return addresses.map((address, i) => {
    if (!valid[i]) return undefined
    const envelopes = pages[next++] ?? []
    return findContact(envelopes.map((e) => e.message), address)
  })
}
