import { DecodeError } from '../errors/errors.js'
import { defineCodec } from './defineCodec.js'
import type { ContentTypeId } from './contentTypeId.js'
import { getParameter } from './parameters.js'

/** `xmtp.org/attachment:1.0` (XIP-15). */
export const ContentTypeAttachment: ContentTypeId = Object.freeze({
  authorityId: 'xmtp.org',
  typeId: 'attachment',
  versionMajor: 1,
  versionMinor: 0,
})

/** A file sent inside the message (up to the network's message size; larger files go remote). */
export interface Attachment {
  filename: string
  mimeType: string
  data: Uint8Array
}

/**
 * Attachments (§10): parameters `filename`, `mimeType` (in that order); the file bytes as content.
 */
export const attachmentCodec = defineCodec<Attachment>({
  contentType: ContentTypeAttachment,
  encode(attachment: Attachment) {
    if (typeof attachment?.filename !== 'string') throw new TypeError('attachment.filename must be a string.')
    if (typeof attachment.mimeType !== 'string') throw new TypeError('attachment.mimeType must be a string.')
    if (!(attachment.data instanceof Uint8Array)) throw new TypeError('attachment.data must be a Uint8Array.')
    return {
      type: ContentTypeAttachment,
      parameters: { filename: attachment.filename, mimeType: attachment.mimeType },
      content: attachment.data,
    }
  },
  decode(encoded) {
    const filename = getParameter(encoded.parameters, 'filename')
    const mimeType = getParameter(encoded.parameters, 'mimeType')
    if (filename === undefined || mimeType === undefined) {
      throw new DecodeError('attachment content', { details: 'The "filename" and "mimeType" parameters are required.' })
    }
    return { filename, mimeType, data: encoded.content }
  },
  fallback: (attachment) => `Can\u2019t display "${attachment.filename}". This app doesn\u2019t support attachments.`,
  shouldPush: () => true,
})
