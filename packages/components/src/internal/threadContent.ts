import {
  type Attachment,
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeRemoteAttachment,
  ContentTypeReply,
  type DecodedMessage,
  isDisplayableMessage,
  isSameContentType,
  type RemoteAttachment,
  type Reply,
} from '@xmtp-kit/client'

/** How the thread shows a message's content. */
export type MessageKind = 'text' | 'reply' | 'attachment' | 'remoteAttachment' | 'other'

export function messageKind(message: DecodedMessage): MessageKind {
  if (message.content === undefined) return 'other'
  if (typeof message.content === 'string') return 'text'
  if (isSameContentType(message.contentType, ContentTypeReply)) return 'reply'
  if (isSameContentType(message.contentType, ContentTypeAttachment)) return 'attachment'
  if (isSameContentType(message.contentType, ContentTypeRemoteAttachment)) return 'remoteAttachment'
  return 'other'
}

/** A message that gets a row of its own: displayable, and not a reaction (those show under their message). */
export function isThreadRow(message: DecodedMessage): boolean {
  return isDisplayableMessage(message) && !isSameContentType(message.contentType, ContentTypeReaction)
}

export function replyOf(message: DecodedMessage): Reply | undefined {
  return messageKind(message) === 'reply' ? (message.content as Reply) : undefined
}

/** A file's name: the attachment's, else the one a remote attachment announces. */
export function fileNameOf(message: DecodedMessage): string | undefined {
  const kind = messageKind(message)
  if (kind === 'attachment') return (message.content as Attachment).filename
  if (kind === 'remoteAttachment') return (message.content as RemoteAttachment).filename
  return undefined
}

/**
 * A message as one line of plain text (never HTML), for quotes, previews and announcements: text, a reply's
 * text, a file's name, else the fallback the sender gave.
 */
export function previewText(message: DecodedMessage, labels: { unsupportedContent: string; untitledFile: string }): string {
  const kind = messageKind(message)
  if (kind === 'text') return message.content as string
  if (kind === 'reply') {
    const inner = (message.content as Reply).content
    if (typeof inner === 'string') return inner
  }
  if (kind === 'attachment' || kind === 'remoteAttachment') return `📎 ${fileNameOf(message) || labels.untitledFile}`
  return message.fallback ?? labels.unsupportedContent
}

/** `1.2 MB`, `340 KB`, `12 bytes` (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`
}

/** Image types shown inline. Not SVG: it is a document that can carry script. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'])

export const isInlineImage = (mimeType: string) => INLINE_IMAGES.has(mimeType.toLowerCase())
