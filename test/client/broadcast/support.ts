import {
  type Client,
  createClient,
  createMemoryNetwork,
  listConversations,
  listMessages,
  type MemoryNetwork,
  memoryTransport,
  TransportError,
  type Transport,
} from '@xmtp-kit/client'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { beforeEach } from 'vitest'
import { createCountingWallet } from '../../support/wallets.js'

/** What `recipient` finds from `sender`: the texts of every conversation with them (one entry per conversation). */
export async function readFrom(recipient: Client, sender: string): Promise<string[][]> {
  const conversations = (await listConversations(recipient)).filter((c) => c.peerAddress === sender)
  return Promise.all(conversations.map(async (conversation) => (await listMessages(recipient, { conversation })).map((m) => String(m.content))))
}

/**
 * A transport whose publishes on the chosen topics reach the network but whose answers are lost, as when a
 * node stores a message and the connection dies before it replies.
 */
export function loseAnswers(inner: Transport, lose: (topic: string) => boolean): Transport {
  return {
    async publish(envelopes, parameters) {
      await inner.publish(envelopes, parameters)
      if (envelopes.some((e) => lose(e.contentTopic))) throw new TransportError('Could not reach the node.', { details: 'POST /message/v1/publish got no answer' })
    },
    query: (p) => inner.query(p),
    batchQuery: (q, p) => inner.batchQuery(q, p),
    subscribe: (topics, p) => inner.subscribe(topics, p),
  }
}

/**
 * A fresh in-memory network before each test, with helpers: `newClient()` (a wallet on it), `setup(n)` (a sender
 * and `n` recipients) and `stranger()` (a wallet that never joined XMTP).
 */
export function memoryBed() {
  let network: MemoryNetwork
  let transport: Transport
  beforeEach(() => {
    network = createMemoryNetwork()
    transport = memoryTransport({ network })
  })
  const newClient = (t: Transport = transport) => createClient({ signer: createCountingWallet(), transport: t })
  return {
    get network() {
      return network
    },
    get transport() {
      return transport
    },
    newClient,
    stranger: () => privateKeyToAccount(generatePrivateKey()).address,
    async setup(count: number): Promise<{ sender: Client; recipients: Client[] }> {
      const [sender, ...recipients] = await Promise.all(Array.from({ length: count + 1 }, () => newClient()))
      return { sender: sender!, recipients }
    },
  }
}
