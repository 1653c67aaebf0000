import { DecodeError, PayloadTooLargeError } from '../errors/errors.js'
import type { CodecLookup, EncodedContent } from './ContentCodec.js'
import { ContentTypeError } from './ContentTypeError.js'
import { decompress, type ContentCompression } from './compression.js'
import { formatContentTypeId, type ContentTypeId } from './contentTypeId.js'
import { readEncodedContent, type WireEncodedContent } from './readEncodedContent.js'

/** Why a message's content could not be read, though its type (and fallback) could. */
export type DecodeContentErrorType = ContentTypeError | DecodeError | PayloadTooLargeError

/**
 * A decoded `EncodedContent`. When the content cannot be read (unknown type, newer major version,
 * corrupt or oversized compressed data, content its codec rejects), `content` is `undefined` and `error`
 * says why: show `fallback` instead.
 */
export type DecodedContent<T = unknown> =
  | { contentType: ContentTypeId; content: T; fallback: string | undefined; error?: undefined }
  | { contentType: ContentTypeId; content: undefined; fallback: string | undefined; error: DecodeContentErrorType }

/** Options of {@link decodeContent}. */
export interface DecodeContentOptions {
  /** Refuse compressed content that inflates past this many bytes (zip bombs). Default 10 MiB. */
  maxDecompressedBytes?: number | undefined
}

/** Default {@link DecodeContentOptions.maxDecompressedBytes}: 10 MiB. */
const MAX_DECOMPRESSED_BYTES = 10 * 1024 * 1024

const ALGORITHMS: Readonly<Record<number, ContentCompression>> = { 0: 'deflate', 1: 'gzip' }

function parse(bytes: Uint8Array): WireEncodedContent & { type: ContentTypeId } {
  let decoded: WireEncodedContent
  try {
    decoded = readEncodedContent(bytes)
  } catch (cause) {
    throw new DecodeError('message content', { details: 'The payload is not an EncodedContent.', cause })
  }
  if (!decoded.type) throw new DecodeError('message content', { details: 'The EncodedContent has no content type.' })
  return decoded as WireEncodedContent & { type: ContentTypeId }
}

function asDecodeContentError(error: unknown, contentType: ContentTypeId): DecodeContentErrorType {
  if (error instanceof ContentTypeError || error instanceof DecodeError || error instanceof PayloadTooLargeError) return error
  return new DecodeError(`${formatContentTypeId(contentType)} content`, { cause: error })
}

/**
 * Decodes a message payload (`EncodedContent` protobuf bytes, §10): inflates it when its `compression`
 * field is present (absent ≠ deflate), then hands it to the codec `registry` holds for its type.
 *
 * Only bytes that are not an `EncodedContent` with a content type throw. Once the type is known, every
 * failure is returned as `error` with `content: undefined`, so the message can still be shown with its
 * type and `fallback`.
 *
 * @throws {DecodeError} if `bytes` is not an `EncodedContent` or has no content type.
 * @example
 * const decoded = await decodeContent(payload, createCodecRegistry())
 * const text = decoded.error ? decoded.fallback : decoded.content
 */
export async function decodeContent(
  bytes: Uint8Array,
  registry: CodecLookup,
  options: DecodeContentOptions = {},
): Promise<DecodedContent> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array.')
  if (typeof registry?.codecFor !== 'function') throw new TypeError('registry must be a codec registry.')
  const { maxDecompressedBytes = MAX_DECOMPRESSED_BYTES } = options
  if (!(maxDecompressedBytes >= 0)) throw new TypeError('options.maxDecompressedBytes must be a non-negative number.')

  const decoded = parse(bytes)
  const { type: contentType, fallback } = decoded
  try {
    // Before inflating: content no codec can read is not worth the work.
    const codec = registry.codecFor(contentType)
    if (!codec) throw new ContentTypeError(formatContentTypeId(contentType))
    let content = decoded.content
    if (decoded.compression !== undefined) {
      const algorithm = ALGORITHMS[decoded.compression]
      if (!algorithm) throw new DecodeError('message content', { details: `Unknown compression ${decoded.compression}.` })
      try {
        content = await decompress(content, algorithm, maxDecompressedBytes)
      } catch (cause) {
        if (cause instanceof PayloadTooLargeError) throw cause
        throw new DecodeError('message content', { details: `The ${algorithm} data is corrupt.`, cause })
      }
    }
    const encoded: EncodedContent = {
      type: contentType,
      parameters: decoded.parameters,
      content,
      fallback,
      compression: decoded.compression,
    }
    return { contentType, content: codec.decode(encoded, registry), fallback }
  } catch (error) {
    return { contentType, content: undefined, fallback, error: asDecodeContentError(error, contentType) }
  }
}
