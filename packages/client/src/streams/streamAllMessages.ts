import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { listConversations } from '../conversations/listConversations.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import type { Envelope, ReconnectInfo } from '../transport/types.js'
import { buildIntroTopic, buildInviteTopic } from '../utils/topics.js'
import { backfillStartNs } from './backfillStart.js'
import { createMessageDelivery } from './createMessageDelivery.js'
import { createSerialQueue } from './createSerialQueue.js'
import { acceptConversationEnvelope, readSince } from './streamConversations.js'
import type { Stream, StreamErrorHandler } from './types.js'
import { trackConnection } from '../stores/getConnectionStore.js'

export interface StreamAllMessagesParameters extends StreamErrorHandler {
  onMessage: (message: DecodedMessage) => void
  /**
   * Also told of each new conversation (one the client did not know when the stream started), before its
   * messages: from an invitation that arrives, from this stream's listing, or listed or started meanwhile
   * by another caller of the same client.
   */
  onConversation?: ((conversation: Conversation) => void) | undefined
}

/**
 * Streams the messages of every conversation, known and new. A new conversation's topic joins the
 * subscription and its history is fetched, so its first messages are not lost; after a reconnection every
 * topic is backfilled. Each message is delivered once, in order per conversation.
 */
export function streamAllMessages(client: Client, { onMessage, onConversation, onError }: StreamAllMessagesParameters): Stream {
  const report = (error: unknown) => onError?.(error instanceof Error ? error : new Error(String(error)))
  const queue = createSerialQueue(report)
  const state = getClientState(client)
  const conversationTopics = [buildIntroTopic(client.address), buildInviteTopic(client.address)]
  const startedNs = BigInt(Date.now()) * 1_000_000n

  const { receive: receiveMessage, deliver: deliverMessage } = createMessageDelivery({
    client,
    recordFor: (envelope) => state.conversations.get(envelope.contentTopic),
    onMessage,
    report,
    push: (task) => void queue.push(task),
  })
  const messageTopics = () => [...state.conversations.keys()]
  const allTopics = () => [...conversationTopics, ...messageTopics()]

  /**
   * Topics the consumer has been told of: those known when the stream started, then each one joined. A
   * conversation can enter the client's state without this stream seeing it arrive (another caller lists
   * or starts it, and its invitation then reads as known): comparing with this set still announces it.
   */
  const announced = new Set(state.conversations.keys())
  const unannounced = () => [...state.conversations.values()].filter((r) => !announced.has(r.conversation.topic)).map((r) => r.conversation)

  /** A conversation joins the stream: subscribe to its topic, then read what it already holds. */
  const join = async (conversation: Conversation) => {
    if (announced.has(conversation.topic)) return
    announced.add(conversation.topic)
    onConversation?.(conversation)
    await subscription.updateTopics(allTopics())
    for await (const envelope of readSince(client.transport, [conversation.topic], 1n)) await deliverMessage(envelope)
  }

  const handle = async (envelope: Envelope) => {
    // A v1 intro is a copy of the first message on the conversation's own topic: a new conversation's
    // history read delivers it, and a known one's topic is subscribed already.
    try {
      acceptConversationEnvelope(client, envelope)
      for (const conversation of unannounced()) await join(conversation)
    } catch (error) {
      report(error)
    }
  }

  const backfill = async (info: Pick<ReconnectInfo, 'lastEnvelopeTimestampNs' | 'disconnectedAt'>) => {
    const before = new Set(state.conversations.keys())
    await listConversations(client, { onError: report })
    for (const conversation of unannounced()) await join(conversation)
    for await (const envelope of readSince(client.transport, [...before], backfillStartNs(info))) await deliverMessage(envelope)
  }

  const subscription = client.transport.subscribe(allTopics(), {
    onEnvelope: (envelope) => {
      if (conversationTopics.includes(envelope.contentTopic)) void queue.push(() => handle(envelope))
      else receiveMessage(envelope)
    },
    onReconnect: (info) => void queue.push(() => backfill(info)),
  })
  // Conversations not yet listed join once known; messages sent before the stream started are not delivered.
  void queue.push(async () => {
    await subscription.ready
    await listConversations(client, { onError: report })
    // Compare with what is subscribed and announced, not with what was known before this listing:
    // conversations another caller listed meanwhile (e.g. the conversation list store, listing in parallel)
    // must be subscribed and announced too. Their messages since the stream started are read below.
    for (const conversation of unannounced()) {
      announced.add(conversation.topic)
      onConversation?.(conversation)
    }
    const subscribed = new Set(subscription.topics)
    if (messageTopics().some((topic) => !subscribed.has(topic))) await subscription.updateTopics(allTopics())
    for await (const envelope of readSince(client.transport, [...state.conversations.keys()], startedNs)) await deliverMessage(envelope)
  })
  trackConnection(client, 'allMessages', undefined, subscription.state)
  return { state: subscription.state, ready: subscription.ready, close: () => subscription.close() }
}
