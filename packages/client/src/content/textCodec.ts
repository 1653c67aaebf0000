import { DecodeError } from '../errors/errors.js'
import { defineCodec } from './defineCodec.js'
import type { ContentTypeId } from './contentTypeId.js'
import { getParameter } from './parameters.js'

/** `xmtp.org/text:1.0`. */
export const ContentTypeText: ContentTypeId = Object.freeze({ authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 })

const encoder = new TextEncoder()
// ignoreBOM: a leading U+FEFF is part of the text, so every string survives a round trip (the SDK drops it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Plain text (§10): UTF-8 bytes with parameters `{encoding: 'UTF-8'}`, no fallback, pushed. Lone surrogates
 * are encoded as U+FFFD, as `TextEncoder` (and the SDK) do; invalid UTF-8 decodes to U+FFFD.
 */
export const textCodec = defineCodec<string>({
  contentType: ContentTypeText,
  encode(content: string) {
    if (typeof content !== 'string') throw new TypeError('content must be a string.')
    return { type: ContentTypeText, parameters: { encoding: 'UTF-8' }, content: encoder.encode(content) }
  },
  decode(encoded) {
    // §10: the SDK requires exactly this parameter.
    const encoding = getParameter(encoded.parameters, 'encoding')
    if (encoding !== 'UTF-8') {
      throw new DecodeError('text content', { details: 'The "encoding" parameter must be "UTF-8".' })
    }
    return decoder.decode(encoded.content)
  },
  fallback: () => undefined,
  shouldPush: () => true,
})
