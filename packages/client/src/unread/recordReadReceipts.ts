import type { Client } from '../client/createClient.js'
import { isSameContentType } from '../content/contentTypeId.js'
import { ContentTypeReadReceipt } from '../content/readReceiptCodec.js'
import type { DecodedMessage } from '../conversations/types.js'
import { isMyMessage } from '../filters/isMyMessage.js'
import { advanceMarkers, getWritableUnreadStore } from './unreadStore.js'

/**
 * Takes in the read receipts among `messages` (listed or streamed; other messages are ignored). A receipt
 * from the peer moves `getPeerReadNs` up to its `sentNs`; one of mine, sent from another device or app,
 * moves my own last-read marker, so reading on one device clears the badge on the others. Markers never
 * move back, so feeding the same messages twice changes nothing.
 *
 * @example
 * streamAllMessages(client, { onMessage: (message) => recordReadReceipts(client, [message]) })
 */
export function recordReadReceipts(client: Client, messages: readonly DecodedMessage[]): void {
  const mine: [string, bigint][] = []
  const peers: [string, bigint][] = []
  for (const message of messages) {
    if (!isSameContentType(message.contentType, ContentTypeReadReceipt)) continue
    ;(isMyMessage(message, client.address) ? mine : peers).push([message.topic, message.sentNs])
  }
  if (mine.length === 0 && peers.length === 0) return
  getWritableUnreadStore(client).setState((state) => {
    const lastReadNs = advanceMarkers(state.lastReadNs, mine)
    const peerReadNs = advanceMarkers(state.peerReadNs, peers)
    return lastReadNs === state.lastReadNs && peerReadNs === state.peerReadNs ? state : Object.freeze({ lastReadNs, peerReadNs })
  })
}
