import { DecodeError } from '../errors/errors.js'
import { content as contentProto } from '../proto.js'
import type { CodecLookup, EncodedContent } from './ContentCodec.js'
import { defineCodec } from './defineCodec.js'
import { ContentTypeError } from './ContentTypeError.js'
import { formatContentTypeId, type ContentTypeId } from './contentTypeId.js'
import { getParameter } from './parameters.js'
import { plainBytes } from './plainBytes.js'

/** `xmtp.org/reply:1.0`. */
export const ContentTypeReply: ContentTypeId = Object.freeze({ authorityId: 'xmtp.org', typeId: 'reply', versionMajor: 1, versionMinor: 0 })

/** A reply to an earlier message, carrying content of any registered type. */
export interface Reply<T = unknown> {
  /** Id of the message replied to (lowercase hex). */
  reference: string
  /** Inbox id of the referenced message's sender (group messages only). */
  referenceInboxId?: string | undefined
  /** Type of `content`; its codec must be in the registry. */
  contentType: ContentTypeId
  content: T
}

function codecOrThrow(registry: CodecLookup, contentType: ContentTypeId) {
  const codec = registry.codecFor(contentType)
  if (!codec) throw new ContentTypeError(formatContentTypeId(contentType), { details: 'The content of a reply needs a registered codec.' })
  return codec
}

function decodeInner(bytes: Uint8Array): EncodedContent {
  let inner: contentProto.EncodedContent
  try {
    inner = contentProto.EncodedContent.decode(bytes)
  } catch (cause) {
    throw new DecodeError('reply content', { details: 'The inner EncodedContent is malformed.', cause })
  }
  if (!inner.type) throw new DecodeError('reply content', { details: 'The inner EncodedContent has no content type.' })
  // Codecs decode synchronously, so compressed inner content cannot be inflated here; the SDK never writes it.
  if (inner.compression !== undefined) throw new DecodeError('reply content', { details: 'Compressed inner content is not supported.' })
  const { authorityId, typeId, versionMajor, versionMinor } = inner.type
  return { ...inner, type: { authorityId, typeId, versionMajor, versionMinor }, content: plainBytes(inner.content) }
}

/**
 * Replies (§10): the inner content's `EncodedContent` (as its codec encodes it, without fallback) as
 * content; parameters `contentType` (inner type string), `reference`, and `referenceInboxId` when set.
 */
export const replyCodec = defineCodec<Reply>({
  contentType: ContentTypeReply,
  encode(reply: Reply, registry: CodecLookup) {
    if (typeof reply?.reference !== 'string') throw new TypeError('reply.reference must be a string.')
    if (typeof reply.contentType?.authorityId !== 'string') throw new TypeError('reply.contentType must be a ContentTypeId.')
    const inner = codecOrThrow(registry, reply.contentType).encode(reply.content, registry)
    const bytes = contentProto.EncodedContent.encode({
      type: inner.type,
      parameters: inner.parameters,
      fallback: inner.fallback,
      compression: inner.compression,
      content: inner.content,
    }).finish()
    // Insertion order = wire order; the SDK adds referenceInboxId only when truthy.
    const parameters: Record<string, string> = { contentType: formatContentTypeId(reply.contentType), reference: reply.reference }
    if (reply.referenceInboxId) parameters.referenceInboxId = reply.referenceInboxId
    return { type: ContentTypeReply, parameters, content: plainBytes(bytes) }
  },
  decode(encoded, registry) {
    const reference = getParameter(encoded.parameters, 'reference')
    if (reference === undefined) throw new DecodeError('reply content', { details: 'The "reference" parameter is missing.' })
    const inner = decodeInner(encoded.content)
    const content = codecOrThrow(registry, inner.type).decode(inner, registry)
    const referenceInboxId = getParameter(encoded.parameters, 'referenceInboxId')
    return referenceInboxId === undefined
      ? { reference, contentType: inner.type, content }
      : { reference, referenceInboxId, contentType: inner.type, content }
  },
  fallback(reply) {
    return typeof reply.content === 'string'
      ? `Replied with \u201c${reply.content}\u201d to an earlier message`
      : 'Replied to an earlier message'
  },
  shouldPush: () => true,
})
