import type { ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { openInvitationEnvelope, rememberConversation } from '../conversations/openInvitationEnvelope.js'
import type { Conversation } from '../conversations/types.js'
import { openIntroEnvelope } from '../conversations/v1/openIntroEnvelope.js'
import type { Envelope, ReconnectInfo, Transport } from '../transport/types.js'
import { buildIntroTopic, buildInviteTopic } from '../utils/topics.js'
import { backfillStartNs } from './backfillStart.js'
import { createSerialQueue } from './createSerialQueue.js'
import type { Stream, StreamErrorHandler } from './types.js'
import { trackConnection } from '../stores/getConnectionStore.js'

/**
 * Turns an invite- or intro-topic envelope into a conversation and records it; returns it only when new.
 *
 * @throws {KitError} for malformed, tampered or forged envelopes.
 */
export function acceptConversationEnvelope(client: Client, envelope: Envelope): ConversationRecord | undefined {
  const isInvite = envelope.contentTopic === buildInviteTopic(client.address)
  const record = isInvite ? openInvitationEnvelope(client, envelope) : openIntroEnvelope(client, envelope)
  const { added, record: stored } = rememberConversation(client, record)
  return added ? stored : undefined
}

/** Envelopes of `topics` since `startTimeNs`, oldest first. */
export async function* readSince(transport: Transport, topics: readonly string[], startTimeNs: bigint): AsyncGenerator<Envelope> {
  for (const contentTopic of topics) {
    for await (const page of transport.query({ contentTopic, direction: 'ascending', startTimeNs })) yield* page.envelopes
  }
}

export interface StreamConversationsParameters extends StreamErrorHandler {
  onConversation: (conversation: Conversation) => void
}

/**
 * Streams conversations started with this wallet from now on (v2 invitations and v1 intros), each once.
 * After a reconnection it backfills invitations that arrived while disconnected.
 */
export function streamConversations(client: Client, { onConversation, onError }: StreamConversationsParameters): Stream {
  const report = (error: unknown) => onError?.(error instanceof Error ? error : new Error(String(error)))
  const queue = createSerialQueue(report)
  const topics = [buildIntroTopic(client.address), buildInviteTopic(client.address)]

  const accept = (envelope: Envelope) => {
    try {
      const record = acceptConversationEnvelope(client, envelope)
      if (record) onConversation(record.conversation)
    } catch (error) {
      report(error)
    }
  }
  const backfill = async (info: ReconnectInfo) => {
    for await (const envelope of readSince(client.transport, topics, backfillStartNs(info))) accept(envelope)
  }
  const subscription = client.transport.subscribe(topics, {
    onEnvelope: (envelope) => void queue.push(() => accept(envelope)),
    onReconnect: (info) => void queue.push(() => backfill(info)),
  })
  trackConnection(client, 'conversations', undefined, subscription.state)
  return { state: subscription.state, ready: subscription.ready, close: () => subscription.close() }
}
