import {
  type Client,
  ContentTypeAttachment,
  ContentTypeRemoteAttachment,
  type DecodedMessage,
  getMessageText,
  isSameContentType,
  sendMessage,
  streamAllMessages,
} from '@xmtp-kit/client'

export interface ReplyBot {
  /** Resolves once the bot's stream is live: every message sent from then on is answered. */
  ready: Promise<void>
  close(): void
}

/** At most this much of a message is quoted back. */
const QUOTE_LENGTH = 80

/** What the bot answers, given the text received (`undefined` for a picture or a file) and how late it came. */
export function botAnswer(text: string | undefined, latencyMs: number): string {
  if (text === undefined) return 'Nice picture! Send me text and I quote it back.'
  const quote = text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text
  return `Got “${quote}” ${latencyMs} ms after you sent it ⚡`
}

/**
 * The demo's reply bot: it streams every message of every conversation of its wallet (new conversations
 * included) and answers each one from someone else after a short pause, so that a visitor sees the stream at
 * work on both sides. Reactions and read receipts get no answer, nor does anything older than the bot.
 */
export function startReplyBot(client: Client, { delayMs = 350, onError }: { delayMs?: number; onError?: (error: Error) => void } = {}): ReplyBot {
  const startedNs = BigInt(Date.now()) * 1_000_000n
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let closed = false
  const answer = (message: DecodedMessage) => {
    if (closed || message.fromMe || message.sentNs < startedNs) return
    const picture = isSameContentType(message.contentType, ContentTypeAttachment) || isSameContentType(message.contentType, ContentTypeRemoteAttachment)
    const text = picture ? undefined : getMessageText(message)
    if (text === undefined && !picture) return
    const latencyMs = Math.max(0, Date.now() - Number(message.sentNs / 1_000_000n))
    // A short pause, as a person would take: the visitor sees their message land before the answer.
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (closed) return
      sendMessage(client, { conversation: message.topic, content: botAnswer(text, latencyMs) }).catch((error: Error) => onError?.(error))
    }, delayMs)
    timers.add(timer)
  }
  const stream = streamAllMessages(client, { onMessage: answer, onError: (error) => onError?.(error) })
  return {
    ready: stream.ready,
    close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      stream.close()
    },
  }
}
