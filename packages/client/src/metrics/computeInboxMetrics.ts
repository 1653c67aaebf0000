import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { isDisplayableMessage } from '../filters/isDisplayableMessage.js'
import { isMyMessage } from '../filters/isMyMessage.js'

export interface ComputeInboxMetricsParameters {
  conversations: readonly Conversation[]
  /** Messages per conversation topic (any order); topics of no listed conversation are ignored. */
  messagesByTopic: Readonly<Record<string, readonly DecodedMessage[]>> | ReadonlyMap<string, readonly DecodedMessage[]>
  /** This wallet's address, any case. */
  myAddress: string
}

/** One peer's activity, summed over all conversations with them. */
export interface PeerMetrics {
  /** As the first of their conversations spells it (EIP-55 from the client). */
  peerAddress: string
  conversationCount: number
  /** Messages I sent them. */
  sentCount: number
  /** Messages they sent me. */
  receivedCount: number
  /** Newest message either way, ns since the epoch; `undefined` when no message. */
  lastActivityNs: bigint | undefined
}

export interface InboxMetrics {
  conversationCount: number
  /** Displayable messages (read receipts and removed reactions are not counted anywhere here). */
  messageCount: number
  sentCount: number
  receivedCount: number
  /** Over all conversations, those without messages included (0 for no conversations). */
  messagesPerConversation: { average: number; median: number }
  /** Conversations where I sent at least one message and the peer at least one. */
  conversationsWithReplies: number
  /** Conversations whose first message is the peer's. */
  peerInitiatedCount: number
  /** Of those, the ones where I sent a message too. */
  peerInitiatedRepliedCount: number
  /** `peerInitiatedRepliedCount / peerInitiatedCount`; `undefined` when no peer wrote first. */
  replyRate: number | undefined
  /** Most recently active first; peers without messages last, in conversation order. */
  peers: PeerMetrics[]
}

const median = (sorted: readonly number[]): number => {
  if (sorted.length === 0) return 0
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Inbox statistics computed on the device from what it holds (nothing is sent anywhere): volumes,
 * messages per conversation, how many conversations got a two-way exchange, how often I answer the peers
 * who wrote first, and a per-peer breakdown. Pure; messages are deduplicated by id per topic, and the first
 * message is the one with the smallest `sentNs` (the earlier in the list on a tie).
 *
 * @example
 * const metrics = computeInboxMetrics({ conversations, messagesByTopic, myAddress: client.address })
 * console.log(`${Math.round((metrics.replyRate ?? 0) * 100)}% of requests answered`)
 */
export function computeInboxMetrics({ conversations, messagesByTopic, myAddress }: ComputeInboxMetricsParameters): InboxMetrics {
  if (typeof myAddress !== 'string') throw new TypeError('computeInboxMetrics: myAddress must be a string.')
  const messagesOf = (topic: string): readonly DecodedMessage[] =>
    (messagesByTopic instanceof Map ? messagesByTopic.get(topic) : Object.hasOwn(messagesByTopic, topic) ? (messagesByTopic as Record<string, readonly DecodedMessage[]>)[topic] : undefined) ?? []

  let messageCount = 0
  let sentCount = 0
  let receivedCount = 0
  let conversationsWithReplies = 0
  let peerInitiatedCount = 0
  let peerInitiatedRepliedCount = 0
  const perConversation: number[] = []
  const peers = new Map<string, PeerMetrics>()
  // A conversation listed twice (same topic) counts once.
  const seenTopics = new Set<string>()

  for (const conversation of conversations) {
    if (seenTopics.has(conversation.topic)) continue
    seenTopics.add(conversation.topic)
    const seenIds = new Set<string>()
    let sent = 0
    let received = 0
    let first: DecodedMessage | undefined
    let last: bigint | undefined
    for (const message of messagesOf(conversation.topic)) {
      if (!isDisplayableMessage(message) || seenIds.has(message.id)) continue
      seenIds.add(message.id)
      if (isMyMessage(message, myAddress)) sent++
      else received++
      if (first === undefined || message.sentNs < first.sentNs) first = message
      if (last === undefined || message.sentNs > last) last = message.sentNs
    }
    const count = sent + received
    messageCount += count
    sentCount += sent
    receivedCount += received
    perConversation.push(count)
    if (sent > 0 && received > 0) conversationsWithReplies++
    if (first && !isMyMessage(first, myAddress)) {
      peerInitiatedCount++
      if (sent > 0) peerInitiatedRepliedCount++
    }

    const key = conversation.peerAddress.toLowerCase()
    const peer = peers.get(key) ?? { peerAddress: conversation.peerAddress, conversationCount: 0, sentCount: 0, receivedCount: 0, lastActivityNs: undefined }
    peer.conversationCount++
    peer.sentCount += sent
    peer.receivedCount += received
    if (last !== undefined && (peer.lastActivityNs === undefined || last > peer.lastActivityNs)) peer.lastActivityNs = last
    peers.set(key, peer)
  }

  const conversationCount = perConversation.length
  const peerList = [...peers.values()]
  // Stable: peers without activity keep their order at the end.
  peerList.sort((a, b) => {
    if (a.lastActivityNs === b.lastActivityNs) return 0
    if (a.lastActivityNs === undefined) return 1
    if (b.lastActivityNs === undefined) return -1
    return a.lastActivityNs > b.lastActivityNs ? -1 : 1
  })
  return {
    conversationCount,
    messageCount,
    sentCount,
    receivedCount,
    messagesPerConversation: {
      average: conversationCount === 0 ? 0 : messageCount / conversationCount,
      median: median([...perConversation].sort((a, b) => a - b)),
    },
    conversationsWithReplies,
    peerInitiatedCount,
    peerInitiatedRepliedCount,
    replyRate: peerInitiatedCount === 0 ? undefined : peerInitiatedRepliedCount / peerInitiatedCount,
    peers: peerList,
  }
}
