import { afterEach } from 'vitest'
import {
  ContentTypeText,
  createClient,
  createCodecRegistry,
  encodeContent,
  type Conversation,
  createMemoryNetwork,
  memoryTransport,
  nobleSecp256k1Backend,
  setSecp256k1Backend,
  type Client,
  type MemoryNetwork,
  type QueryParameters,
  type Transport,
} from '@xmtp-kit/client'
import type { Persistence } from '../../../packages/client/src/cache/Persistence.js'
import { getClientKeys } from '../../../packages/client/src/client/clientKeys.js'
import { getConversationRecord } from '../../../packages/client/src/conversations/getConversationRecord.js'
import { encodeMessageV2 } from '../../../packages/client/src/messages/messageV2.js'
import type { CacheError } from '../../../packages/client/src/cache/CacheError.js'
import { createCountingWallet } from '../../support/wallets.js'

/** Counts the secp256k1 work done while installed (ECDH = opening invitations and v1 messages). */
export function countCrypto() {
  const counts = { ecdh: 0, verify: 0, recover: 0 }
  setSecp256k1Backend({
    name: 'counting',
    getSharedSecret: (a, b) => (counts.ecdh++, nobleSecp256k1Backend.getSharedSecret(a, b)),
    verify: (s, d, p) => (counts.verify++, nobleSecp256k1Backend.verify(s, d, p)),
    recoverPublicKey: (s, r, d) => (counts.recover++, nobleSecp256k1Backend.recoverPublicKey(s, r, d)),
  })
  return counts
}
afterEach(() => setSecp256k1Backend())

export interface CountedQuery {
  query: QueryParameters
  envelopes: number
}

/** A memory transport that records every query and how many envelopes each returned. */
export function countingTransport(network: MemoryNetwork) {
  const inner = memoryTransport({ network })
  const queries: CountedQuery[] = []
  const batches: QueryParameters[][] = []
  const transport: Transport = {
    ...inner,
    query(query) {
      const entry: CountedQuery = { query, envelopes: 0 }
      queries.push(entry)
      const pages = inner.query(query)
      return {
        async *[Symbol.asyncIterator]() {
          for await (const page of pages) {
            entry.envelopes += page.envelopes.length
            yield page
          }
        },
      }
    },
    batchQuery(queries, parameters) {
      batches.push([...queries])
      return inner.batchQuery(queries, parameters)
    },
  }
  const reset = () => {
    queries.length = 0
    batches.length = 0
  }
  /** Envelopes read from topics matching `part`. */
  const envelopesOn = (part: string) => queries.filter((q) => q.query.contentTopic.includes(part)).reduce((n, q) => n + q.envelopes, 0)
  return { transport, queries, batches, reset, envelopesOn }
}

/** A client of an existing identity (no signature), with the given persistence. */
export function reopen(
  keys: Uint8Array,
  transport: Transport,
  persistence: Persistence | undefined,
  errors: CacheError[] = [],
): Promise<Client> {
  return createClient({ keys, transport, persistence, publishContact: false, onCacheError: (e) => errors.push(e) })
}

/** A fixed clock for envelope times. */
export const BASE = 1_700_000_000_000n * 1_000_000n
export const SECOND = 1_000_000_000n

/** Publishes a text message of `peer` in `conversation` with exactly this envelope (and header) time. */
export async function publishAt(peer: Client, conversation: Conversation, timestampNs: bigint, text: string) {
  const payload = await encodeContent(text, { contentType: ContentTypeText, registry: createCodecRegistry() })
  const message = encodeMessageV2({
    keys: getClientKeys(peer),
    myBundle: peer.signedPublicKeyBundle,
    myAddress: peer.address,
    topic: conversation.topic,
    keyMaterial: getConversationRecord(peer, conversation).keyMaterial!,
    payload,
    createdNs: timestampNs,
    shouldPush: true,
  })
  await peer.publish([{ contentTopic: conversation.topic, timestampNs, message }])
}

export { createClient, createMemoryNetwork, createCountingWallet }
