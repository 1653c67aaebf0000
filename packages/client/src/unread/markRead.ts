import type { Client } from '../client/createClient.js'
import { getConversationConsent } from '../consent/getConversationConsent.js'
import { ContentTypeReadReceipt, type ReadReceipt } from '../content/readReceiptCodec.js'
import { getConversationRecord } from '../conversations/getConversationRecord.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { sendMessage } from '../messages/sendMessage.js'
import { advanceMarkers, getWritableUnreadStore, markerOf, topicOf } from './unreadStore.js'

export interface MarkReadParameters {
  /**
   * Read up to this `sentNs` (inclusive, ns since the epoch). Default: now. Pass the newest message's
   * `sentNs` to be exact: `sentNs` is the sender's clock, which may run ahead of this one.
   */
  upToNs?: bigint | undefined
  /**
   * Also tell the peer with a read receipt, when the marker moved forward and the conversation is allowed.
   * The receipt says "read up to when it was sent" (the protocol has no other field), so send it only when
   * the whole thread was read. In a request or a blocked conversation no receipt is sent, whatever this says:
   * reading must never tell a sender the user has not accepted that their message was read, nor count as the
   * activity that allows them (only accepting, or replying, does).
   */
  sendReceipt?: boolean | undefined
  signal?: AbortSignal | undefined
}

export interface MarkReadReturnType {
  /** The conversation's marker after the call. */
  lastReadNs: bigint
  /** The read receipt sent, if one was. */
  receipt: DecodedMessage<ReadReceipt> | undefined
}

/**
 * Moves the conversation's last-read marker forward to `upToNs` (a marker never moves back) in the client's
 * unread store, then sends a read receipt if asked, the marker moved and the conversation is allowed
 * ({@link getConversationConsent}: never to a request or a blocked sender). The marker is kept even when
 * sending the receipt fails.
 *
 * @throws {TypeError} if `conversation` is neither a conversation nor a topic (or, to send a receipt, one this
 * client does not know), or `upToNs` not a non-negative bigint.
 * @throws {TransportError} when the receipt cannot be published; {@link ContentTypeError} if the client has no read receipt codec.
 * @example
 * const last = messages.at(-1)
 * await markRead(client, conversation, { upToNs: last?.sentNs, sendReceipt: true })
 */
export async function markRead(client: Client, conversation: Conversation | string, parameters: MarkReadParameters = {}): Promise<MarkReadReturnType> {
  const topic = topicOf(conversation)
  const { upToNs = BigInt(Date.now()) * 1_000_000n, sendReceipt = false, signal } = parameters
  if (typeof upToNs !== 'bigint' || upToNs < 0n) throw new TypeError('markRead: upToNs must be a non-negative bigint.')
  const store = getWritableUnreadStore(client)
  let moved = false
  store.setState((state) => {
    const lastReadNs = advanceMarkers(state.lastReadNs, [[topic, upToNs]])
    moved = lastReadNs !== state.lastReadNs
    return moved ? Object.freeze({ ...state, lastReadNs }) : state
  })
  const lastReadNs = markerOf(store.getSnapshot().lastReadNs, topic)!
  if (!sendReceipt || !moved) return { lastReadNs, receipt: undefined }
  const { conversation: known } = getConversationRecord(client, conversation)
  if (getConversationConsent(client, known) !== 'allowed') return { lastReadNs, receipt: undefined }
  const receipt = await sendMessage<ReadReceipt>(client, { conversation, content: {}, contentType: ContentTypeReadReceipt, signal })
  return { lastReadNs, receipt }
}
