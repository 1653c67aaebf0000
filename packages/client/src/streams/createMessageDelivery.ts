import type { ConversationRecord } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { DecodedMessage } from '../conversations/types.js'
import { decodeMessage } from '../messages/decodeMessage.js'
import type { Envelope } from '../transport/types.js'
import { createDeliveryBatcher } from './createDeliveryBatcher.js'
import { createSeenSet } from './createSerialQueue.js'

/**
 * How a message stream turns envelopes into messages: decode (failures reported, never thrown), drop ids
 * already delivered, hand the rest to `onMessage`. `receive` batches live envelopes on the stream's queue;
 * `deliver` handles one envelope now (backfills and history reads, already on the queue).
 */
export function createMessageDelivery(parameters: {
  client: Client
  /** The conversation an envelope belongs to; `undefined` skips it. */
  recordFor: (envelope: Envelope) => ConversationRecord | undefined
  onMessage: (message: DecodedMessage) => void
  report: (error: unknown) => void
  push: (task: () => Promise<void>) => void
}) {
  const { client, recordFor, onMessage, report, push } = parameters
  const seen = createSeenSet()
  const decode = async (envelope: Envelope): Promise<DecodedMessage | undefined> => {
    const record = recordFor(envelope)
    if (!record) return undefined
    try {
      return await decodeMessage(client, record, envelope)
    } catch (error) {
      report(error)
      return undefined
    }
  }
  const deliverDecoded = (message: DecodedMessage) => {
    if (seen.add(message.id)) onMessage(message)
  }
  return {
    receive: createDeliveryBatcher({ push, decode, deliver: deliverDecoded }),
    async deliver(envelope: Envelope): Promise<void> {
      const message = await decode(envelope)
      if (message) deliverDecoded(message)
    },
  }
}
