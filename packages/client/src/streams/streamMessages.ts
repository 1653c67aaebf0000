import type { Client } from '../client/createClient.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { backfillStartNs } from './backfillStart.js'
import { createMessageDelivery } from './createMessageDelivery.js'
import { createSerialQueue } from './createSerialQueue.js'
import type { Stream, StreamErrorHandler } from './types.js'
import { trackConnection } from '../stores/getConnectionStore.js'

export interface StreamMessagesParameters extends StreamErrorHandler {
  conversation: Conversation | string
  onMessage: (message: DecodedMessage) => void
}

/**
 * Streams a conversation's new messages. After every reconnection it backfills what was published while
 * disconnected; each message is delivered once, in the order received.
 *
 * @example
 * const stream = streamMessages(client, { conversation, onMessage: (m) => console.log(m.content) })
 * stream.close()
 */
export function streamMessages(client: Client, { conversation, onMessage, onError }: StreamMessagesParameters): Stream {
  const record = getConversationRecord(client, conversation)
  const { topic } = record.conversation
  const report = (error: unknown) => onError?.(error instanceof Error ? error : new Error(String(error)))
  const queue = createSerialQueue(report)
  const { receive, deliver } = createMessageDelivery({
    client,
    recordFor: () => record,
    onMessage,
    report,
    push: (task) => void queue.push(task),
  })

  const subscription = client.transport.subscribe([topic], {
    onEnvelope: receive,
    onReconnect: (info) =>
      void queue.push(async () => {
        for await (const page of client.transport.query({ contentTopic: topic, direction: 'ascending', startTimeNs: backfillStartNs(info) })) {
          for (const envelope of page.envelopes) await deliver(envelope)
        }
      }),
  })
  trackConnection(client, 'messages', topic, subscription.state)
  return { state: subscription.state, ready: subscription.ready, close: () => subscription.close() }
}
