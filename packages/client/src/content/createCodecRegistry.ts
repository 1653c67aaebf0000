import type { CodecLookup, ContentCodec } from './ContentCodec.js'
import type { ContentTypeId } from './contentTypeId.js'
import { defaultCodecs } from './defaultCodecs.js'

/** A set of codecs, one per authority/type, that users can extend with their own content types. */
export interface CodecRegistry extends CodecLookup {
  /** Adds `codec`, replacing any codec registered for the same authority/type. Returns the registry. */
  register(codec: ContentCodec<unknown>): CodecRegistry
  /** The registered codecs, in registration order. */
  list(): ContentCodec<unknown>[]
}

const keyOf = (id: ContentTypeId) => `${id.authorityId}/${id.typeId}`

function assertCodec(codec: ContentCodec<unknown>): void {
  const id = codec?.contentType
  if (
    typeof id?.authorityId !== 'string' ||
    typeof id.typeId !== 'string' ||
    !Number.isInteger(id.versionMajor) ||
    !Number.isInteger(id.versionMinor)
  ) {
    throw new TypeError('codec.contentType must be a ContentTypeId.')
  }
  for (const method of ['encode', 'decode', 'fallback', 'shouldPush'] as const) {
    if (typeof codec[method] !== 'function') throw new TypeError(`codec.${method} must be a function.`)
  }
}

/**
 * A codec registry holding `codecs` (the built-in {@link defaultCodecs} unless given). Lookup is by
 * authority/type; a codec decodes only content whose `versionMajor` is at most its own (§10).
 *
 * @throws {TypeError} if a codec lacks a content type or a method.
 * @example
 * const registry = createCodecRegistry().register(myCodec)
 * registry.codecFor(ContentTypeText)?.fallback('hi')
 */
export function createCodecRegistry(codecs: Iterable<ContentCodec<unknown>> = defaultCodecs): CodecRegistry {
  const byKey = new Map<string, ContentCodec<unknown>>()
  const registry: CodecRegistry = {
    register(codec) {
      assertCodec(codec)
      const key = keyOf(codec.contentType)
      // Replacing keeps Map order; delete first so list() shows the newest registration last.
      byKey.delete(key)
      byKey.set(key, codec)
      return registry
    },
    codecFor(contentType) {
      const codec = byKey.get(keyOf(contentType))
      if (!codec || contentType.versionMajor > codec.contentType.versionMajor) return undefined
      return codec
    },
    list: () => [...byKey.values()],
  }
  for (const codec of codecs) registry.register(codec)
  return registry
}
