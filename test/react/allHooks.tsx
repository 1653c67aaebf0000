import { consentIs, createStore } from '@xmtp-kit/client'
import {
  useAttachment,
  useCanMessage,
  useClient,
  useConnectionStatus,
  useConsent,
  useConversation,
  useConversations,
  useInboxFilters,
  useInboxStats,
  useMarkRead,
  useMessages,
  useReactions,
  useReplies,
  useSendMessage,
  useStartConversation,
  useStore,
  useStreamAllMessages,
  useUnreadCount,
} from '@xmtp-kit/react'

const PEER = '0x00000000000000000000000000000000000000aa'
const TOPIC = '/xmtp/0/m-ssr/proto'
const primary = consentIs('allowed')
const counter = createStore(7)

/** A component calling every hook of the package, rendering what they say. */
export function AllHooks() {
  const client = useClient()
  const list = useConversations({ filter: primary })
  const one = useConversation(PEER)
  const start = useStartConversation()
  const thread = useMessages(TOPIC)
  const sender = useSendMessage(TOPIC)
  const all = useStreamAllMessages(() => undefined)
  const can = useCanMessage(PEER)
  const consent = useConsent(PEER)
  const views = useInboxFilters()
  const unread = useUnreadCount()
  const mark = useMarkRead()
  const reactions = useReactions(TOPIC)
  const replies = useReplies(TOPIC)
  const attachment = useAttachment(undefined)
  const connection = useConnectionStatus()
  const stats = useInboxStats()
  const count = useStore(counter)
  return (
    <dl>
      <dt>client</dt>
      <dd data-testid="client">{client.status}</dd>
      <dt>conversations</dt>
      <dd data-testid="conversations">
        {list.status}:{list.conversations.length}:{String(one.conversation)}:{start.status}
      </dd>
      <dt>thread</dt>
      <dd data-testid="thread">
        {thread.status}:{thread.messages.length}:{sender.status}:{all.connection}:{reactions.reactions.size}:{replies.replies.size}
      </dd>
      <dt>inbox</dt>
      <dd data-testid="inbox">
        {String(can.canMessage)}:{consent.state}:{views.view}:{views.counts.requests}:{unread.total}:{mark.status}:{attachment.status}:{connection.status}:{stats.metrics.conversationCount}:{count}
      </dd>
    </dl>
  )
}
