import { type Client, listConversations, listMessages, TransportError, type Transport } from '@xmtp-kit/client'

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
