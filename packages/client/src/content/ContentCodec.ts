import type { ContentTypeId } from './contentTypeId.js'

/**
 * The fields of an `EncodedContent` (§10) as codecs produce and receive them. Codecs return only `type`,
 * `parameters` and `content`; {@link encodeContent} adds `fallback` and `compression`. When a codec decodes,
 * `content` is already decompressed.
 */
export interface EncodedContent {
  type: ContentTypeId
  /** Encoded in insertion order, so codecs that must match the SDK byte for byte insert in its order. */
  parameters: Record<string, string>
  content: Uint8Array
  fallback?: string | undefined
  /** `content.Compression` of the wire form (`0` deflate, `1` gzip); absent when not compressed. */
  compression?: number | undefined
}

/**
 * Looks codecs up by content type: the registry a codec receives, so that codecs which wrap other content
 * (reply) can encode and decode it. Same shape as the SDK's `CodecRegistry`.
 */
export interface CodecLookup {
  /**
   * The codec registered for the authority/type of `contentType`, if its `versionMajor` is at least
   * `contentType.versionMajor`; `undefined` otherwise.
   */
  codecFor(contentType: ContentTypeId): ContentCodec<unknown> | undefined
}

/**
 * Encodes one content type to `EncodedContent` and back (XIP-5). Implement it to add a content type, and
 * register it with {@link createCodecRegistry}.
 *
 * @example
 * const pingCodec: ContentCodec<number> = {
 *   contentType: { authorityId: 'example.com', typeId: 'ping', versionMajor: 1, versionMinor: 0 },
 *   encode: (n) => ({ type: pingCodec.contentType, parameters: {}, content: new TextEncoder().encode(String(n)) }),
 *   decode: (encoded) => Number(new TextDecoder().decode(encoded.content)),
 *   fallback: () => 'Ping',
 *   shouldPush: () => false,
 * }
 */
export interface ContentCodec<T> {
  readonly contentType: ContentTypeId
  /**
   * @throws {TypeError} for content this codec cannot encode.
   * @throws {ContentTypeError} when nested content has no codec in `registry`.
   */
  encode(content: T, registry: CodecLookup): EncodedContent
  /**
   * @throws {DecodeError} for malformed content or parameters.
   * @throws {ContentTypeError} when nested content has no codec in `registry`.
   */
  decode(encoded: EncodedContent, registry: CodecLookup): T
  /** Plain text for clients that cannot display the type; `undefined` for none. */
  fallback(content: T): string | undefined
  /** Whether push notification servers should notify the recipient (`MessageV2.should_push`). */
  shouldPush(content: T): boolean
}
