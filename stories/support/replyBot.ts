import {
  type Client,
  ContentTypeAttachment,
  type DecodedMessage,
  getMessageText,
  isSameContentType,
  sendMessage,
  streamAllMessages,
  type Stream,
} from '@xmtp-kit/client'

/** What the bot answers to `text` (`undefined` for an attachment). Exported so play functions can wait for it. */
export const botReply = (text: string | undefined) => (text === undefined ? 'Nice picture, thanks!' : `You said: “${text}”`)

/**
 * A peer that answers every message it receives, in any conversation, new ones included: it streams all of
 * its messages and sends one reply per message from someone else. Reactions and read receipts get no
 * answer, nor does anything that was already there when the bot started.
 */
export interface ReplyBot {
  /** Resolves once the bot's stream is live: messages sent from then on are answered. */
  ready: Promise<void>
  close(): void
}

export function startReplyBot(client: Client, { delayMs = 150 }: { delayMs?: number } = {}): ReplyBot {
  const startedNs = BigInt(Date.now()) * 1_000_000n
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let closed = false
  const answer = (message: DecodedMessage) => {
    if (closed || message.fromMe || message.sentNs < startedNs) return
    const text = getMessageText(message)
    const attachment = isSameContentType(message.contentType, ContentTypeAttachment)
    if (text === undefined && !attachment) return
    // A short pause, as a person would take, so a story shows the sent message before the answer.
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closed) void sendMessage(client, { conversation: message.topic, content: botReply(attachment ? undefined : text) }).catch(() => undefined)
    }, delayMs)
    timers.add(timer)
  }
  const stream: Stream = streamAllMessages(client, { onMessage: answer })
  return {
    ready: stream.ready,
    close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      stream.close()
    },
  }
}
