import { describe, expect, test } from 'vitest'
import { ContentTypeError } from '../../../packages/client/src/content/ContentTypeError.js'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { ContentTypeReaction, type Reaction } from '../../../packages/client/src/content/reactionCodec.js'
import { ContentTypeText } from '../../../packages/client/src/content/textCodec.js'
import { content as contentProto } from '../../../packages/client/src/proto.js'
import { createSdkContentClient, sdkText, SdkCompression } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()
const long = 'The quick brown fox jumps over the lazy dog. '.repeat(12)
const reaction: Reaction = { action: 'added', reference: 'ab'.repeat(32), schema: 'unicode', content: '👍' }

describe('encodeContent', () => {
  test('default: the SDK payload byte for byte', async () => {
    const ours = await encodeContent('gm', { contentType: ContentTypeText, registry })
    const theirs = await sdk.encodeContent('gm', { contentType: sdkText.ContentTypeText })
    expect(ours).toEqual(theirs.payload)
    // A plain Uint8Array, never a Node Buffer (protobufjs writes Buffers when it finds them).
    expect(Object.getPrototypeOf(ours)).toBe(Uint8Array.prototype)
    // Fallback comes from the codec.
    const withFallback = await encodeContent(reaction, { contentType: ContentTypeReaction, registry })
    expect(contentProto.EncodedContent.decode(withFallback).fallback).toBe('Reacted \u201c👍\u201d to an earlier message')
  })

  test.each([
    ['deflate', SdkCompression.COMPRESSION_DEFLATE],
    ['gzip', SdkCompression.COMPRESSION_GZIP],
  ] as const)('parameters: compression %s (same bytes as the SDK, readable both ways)', async (compression, code) => {
    const ours = await encodeContent(long, { contentType: ContentTypeText, compression, registry })
    const wire = contentProto.EncodedContent.decode(ours)
    expect(wire.compression).toBe(code)
    expect(wire.content.length).toBeLessThan(long.length / 4)
    const theirs = await sdk.encodeContent(long, { contentType: sdkText.ContentTypeText, compression: code })
    expect(ours).toEqual(theirs.payload)
    expect((await sdk.decodeContent(ours)).content).toBe(long)
    expect((await decodeContent(theirs.payload, registry)).content).toBe(long)
  })

  test('behavior: content shorter than 10 bytes is not compressed (no compression field)', async () => {
    const short = await encodeContent('123456789', { contentType: ContentTypeText, compression: 'gzip', registry })
    expect(contentProto.EncodedContent.decode(short).compression).toBeUndefined()
    expect(short).toEqual((await sdk.encodeContent('123456789', { contentType: sdkText.ContentTypeText, compression: 1 })).payload)
    const ten = await encodeContent('1234567890', { contentType: ContentTypeText, compression: 'gzip', registry })
    expect(contentProto.EncodedContent.decode(ten).compression).toBe(1)
  })

  test('behavior: without compression the field is absent, not deflate (0)', async () => {
    const plain = await encodeContent(long, { contentType: ContentTypeText, registry })
    expect(contentProto.EncodedContent.decode(plain).compression).toBeUndefined()
    const deflated = await encodeContent(long, { contentType: ContentTypeText, compression: 'deflate', registry })
    // Field 5, varint 0: present on the wire although it is the enum's zero value.
    expect(Buffer.from(deflated).includes(Buffer.from([0x28, 0x00]))).toBe(true)
    expect(Buffer.from(plain).includes(Buffer.from([0x28, 0x00]))).toBe(false)
  })

  test('behavior: unknown content types and bad parameters throw', async () => {
    const unknown = { authorityId: 'example.com', typeId: 'nope', versionMajor: 1, versionMinor: 0 }
    await expect(encodeContent('x', { contentType: unknown, registry })).rejects.toThrow(ContentTypeError)
    await expect(encodeContent('x', { contentType: { ...ContentTypeText, versionMajor: 2 }, registry })).rejects.toThrow(ContentTypeError)
    await expect(encodeContent(42, { contentType: ContentTypeText, registry })).rejects.toThrow(TypeError)
    await expect(encodeContent('x', { contentType: ContentTypeText, registry, compression: 'brotli' as never })).rejects.toThrow(TypeError)
    await expect(encodeContent('x', { contentType: ContentTypeText, registry: undefined as never })).rejects.toThrow('registry')
  })
})
