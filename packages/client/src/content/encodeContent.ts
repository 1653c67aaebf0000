import { content as contentProto } from '../proto.js'
import type { CodecLookup } from './ContentCodec.js'
import { ContentTypeError } from './ContentTypeError.js'
import { compress, compressionCodes, type ContentCompression } from './compression.js'
import { formatContentTypeId, type ContentTypeId } from './contentTypeId.js'
import { plainBytes } from './plainBytes.js'

/** Parameters of {@link encodeContent}. */
export interface EncodeContentParameters {
  /** Type of the content; `registry` must hold a codec for it. */
  contentType: ContentTypeId
  /**
   * Compress the content bytes (only when they are at least 10 bytes, as the SDK does). xmtp-js 13 inflates
   * at most 1,000 bytes, so its users cannot read compressed content larger than that (§10).
   */
  compression?: ContentCompression | undefined
  registry: CodecLookup
}

/** Content shorter than this is never compressed (§10). */
const MIN_COMPRESSED_LENGTH = 10

/**
 * Encodes `content` as `EncodedContent` protobuf bytes: the message payload of §9.2, byte for byte what
 * the SDK produces. `fallback` comes from the codec; `compression` is written only when the content was
 * compressed. Push notification flags come from `registry.codecFor(contentType).shouldPush(content)`.
 *
 * @throws {ContentTypeError} if `registry` has no codec for `contentType` (or for content nested in it).
 * @throws {TypeError} if the codec refuses `content` or `compression` is unknown.
 * @example
 * const payload = await encodeContent('gm', { contentType: ContentTypeText, registry: createCodecRegistry() })
 */
export async function encodeContent<T>(content: T, parameters: EncodeContentParameters): Promise<Uint8Array> {
  const { contentType, compression, registry } = parameters
  if (typeof registry?.codecFor !== 'function') throw new TypeError('parameters.registry must be a codec registry.')
  if (typeof contentType?.authorityId !== 'string') throw new TypeError('parameters.contentType must be a ContentTypeId.')
  if (compression !== undefined && !Object.hasOwn(compressionCodes, compression)) {
    throw new TypeError('parameters.compression must be "deflate" or "gzip".')
  }
  const codec = registry.codecFor(contentType)
  if (!codec) throw new ContentTypeError(formatContentTypeId(contentType))
  const encoded = codec.encode(content, registry)
  const fallback = codec.fallback(content)
  let bytes = encoded.content
  let compressionCode: number | undefined
  if (compression !== undefined && bytes.length >= MIN_COMPRESSED_LENGTH) {
    bytes = await compress(bytes, compression)
    compressionCode = compressionCodes[compression]
  }
  const payload = contentProto.EncodedContent.encode({
    type: encoded.type,
    parameters: encoded.parameters,
    // As the SDK: an empty fallback is not written.
    fallback: fallback || encoded.fallback,
    compression: compressionCode,
    content: bytes,
  }).finish()
  return plainBytes(payload)
}
