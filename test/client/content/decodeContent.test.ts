import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ContentTypeError } from '../../../packages/client/src/content/ContentTypeError.js'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { ContentTypeText } from '../../../packages/client/src/content/textCodec.js'
import { DecodeError, PayloadTooLargeError } from '../../../packages/client/src/errors/errors.js'
import { content as contentProto } from '../../../packages/client/src/proto.js'
import { createSdkContentClient } from './sdk.js'

const registry = createCodecRegistry()
const text = (content: string) => new TextEncoder().encode(content)
const encode = (fields: Partial<contentProto.EncodedContent>) =>
  contentProto.EncodedContent.encode({ type: ContentTypeText, parameters: { encoding: 'UTF-8' }, content: new Uint8Array(0), ...fields }).finish()

async function compressed(bytes: Uint8Array, format: 'deflate' | 'gzip'): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new CompressionStream(format))).arrayBuffer())
}

const isTyped = (error: unknown) => error instanceof DecodeError || error instanceof ContentTypeError || error instanceof PayloadTooLargeError

describe('decodeContent', () => {
  test('default', async () => {
    const payload = await encodeContent('gm', { contentType: ContentTypeText, registry })
    expect(await decodeContent(payload, registry)).toEqual({ contentType: ContentTypeText, content: 'gm', fallback: undefined })
  })

  test('behavior: unknown content types are returned with their fallback and a ContentTypeError', async () => {
    const type = { authorityId: 'example.com', typeId: 'poll', versionMajor: 1, versionMinor: 2 }
    const decoded = await decodeContent(encode({ type, parameters: {}, fallback: 'A poll', content: text('{}') }), registry)
    expect(decoded.content).toBeUndefined()
    expect(decoded.fallback).toBe('A poll')
    expect(decoded.contentType).toEqual(type)
    expect(decoded.error).toBeInstanceOf(ContentTypeError)
    expect((decoded.error as ContentTypeError).contentType).toBe('example.com/poll:1.2')
    // And as the SDK: its client reports the same message with `error` and `contentFallback`.
    const sdk = await createSdkContentClient().decodeContent(encode({ type, parameters: {}, fallback: 'A poll', content: text('{}') }))
    expect(sdk.contentFallback).toBe('A poll')
    expect(sdk.error).toBeInstanceOf(Error)
  })

  test('behavior: a newer major version is unknown; a newer minor version is not', async () => {
    const newer = await decodeContent(encode({ type: { ...ContentTypeText, versionMajor: 2 }, content: text('hi') }), registry)
    expect(newer.error).toBeInstanceOf(ContentTypeError)
    const minor = await decodeContent(encode({ type: { ...ContentTypeText, versionMinor: 5 }, content: text('hi') }), registry)
    expect(minor.content).toBe('hi')
  })

  test('behavior: content its codec rejects is returned with a DecodeError', async () => {
    for (const parameters of [{}, { encoding: 'utf-8' }, { encoding: 'UTF-16' }] as Record<string, string>[]) {
      const decoded = await decodeContent(encode({ parameters, fallback: 'fb', content: text('hi') }), registry)
      expect(decoded.error).toBeInstanceOf(DecodeError)
      expect(decoded.fallback).toBe('fb')
      expect(decoded.content).toBeUndefined()
    }
  })

  test.each(['deflate', 'gzip'] as const)('behavior: decompresses %s only when the field is present', async (format) => {
    const zipped = await compressed(text('hello, compressed world'), format)
    const code = format === 'deflate' ? contentProto.Compression.COMPRESSION_DEFLATE : contentProto.Compression.COMPRESSION_GZIP
    expect((await decodeContent(encode({ content: zipped, compression: code }), registry)).content).toBe('hello, compressed world')
    // Absent: the bytes are the text itself, even if they happen to be compressed data.
    expect((await decodeContent(encode({ content: zipped }), registry)).content).toBe(new TextDecoder().decode(zipped))
  })

  test('behavior: absent compression is not deflate (0)', async () => {
    const raw = text('not compressed at all')
    expect((await decodeContent(encode({ content: raw }), registry)).content).toBe('not compressed at all')
    const asDeflate = await decodeContent(encode({ content: raw, compression: contentProto.Compression.COMPRESSION_DEFLATE }), registry)
    expect(asDeflate.error).toBeInstanceOf(DecodeError)
  })

  test('behavior: corrupt compressed data and unknown algorithms are returned as DecodeError', async () => {
    const zipped = await compressed(text('hello, compressed world'), 'gzip')
    const truncated = await decodeContent(encode({ content: zipped.subarray(0, zipped.length - 6), compression: 1, fallback: 'fb' }), registry)
    expect(truncated.error).toBeInstanceOf(DecodeError)
    expect(truncated.fallback).toBe('fb')
    const unknown = await decodeContent(encode({ content: zipped, compression: 7 as contentProto.Compression }), registry)
    expect(unknown.error).toBeInstanceOf(DecodeError)
  })

  test('behavior: zip bombs are refused at maxDecompressedBytes (default 10 MiB)', async () => {
    const bomb = await compressed(new Uint8Array(64 * 1024 * 1024), 'deflate')
    expect(bomb.length).toBeLessThan(100_000)
    const decoded = await decodeContent(encode({ content: bomb, compression: 0, fallback: 'fb' }), registry)
    expect(decoded.error).toBeInstanceOf(PayloadTooLargeError)
    expect(decoded.error?.details).toContain('the limit is 10485760 bytes')
    expect(decoded.fallback).toBe('fb')
    expect(decoded.content).toBeUndefined()
  })

  test('parameters: maxDecompressedBytes', async () => {
    const payload = encode({ content: await compressed(text('x'.repeat(2000)), 'gzip'), compression: 1 })
    expect((await decodeContent(payload, registry, { maxDecompressedBytes: 2000 })).content).toBe('x'.repeat(2000))
    expect((await decodeContent(payload, registry, { maxDecompressedBytes: 1999 })).error).toBeInstanceOf(PayloadTooLargeError)
    // The SDK's own cap is 1,000 bytes (§10): it cannot read this payload.
    await expect(createSdkContentClient().decodeContent(payload)).rejects.toThrow('maximum output size exceeded')
    await expect(decodeContent(payload, registry, { maxDecompressedBytes: -1 })).rejects.toThrow(TypeError)
  })

  test('behavior: bytes that are not an EncodedContent with a type throw DecodeError', async () => {
    await expect(decodeContent(new Uint8Array([0x0a, 0x05, 0x01]), registry)).rejects.toThrow(DecodeError)
    await expect(decodeContent(new Uint8Array([0xff, 0xff, 0xff]), registry)).rejects.toThrow(DecodeError)
    await expect(decodeContent(new Uint8Array(0), registry)).rejects.toThrow('no content type')
    await expect(decodeContent('x' as never, registry)).rejects.toThrow(TypeError)
  })

  test('behavior: arbitrary bytes only ever yield typed errors (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          const decoded = await decodeContent(bytes, registry)
          if (decoded.error) expect(isTyped(decoded.error)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError)
        }
      }),
      { numRuns: 2000 },
    )
  })

  test('behavior: mutated compressed payloads only ever yield typed errors (500 cases)', async () => {
    const payloads = await Promise.all(
      (['deflate', 'gzip'] as const).map((compression) =>
        encodeContent('some text that compresses well, well, well, well', { contentType: ContentTypeText, compression, registry }),
      ),
    )
    const mutated = fc
      .tuple(fc.constantFrom(...payloads), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }))
      .map(([payload, edits]) => {
        const copy = payload.slice()
        for (const [at, xor] of edits) copy[at % copy.length]! ^= xor
        return copy
      })
    await fc.assert(
      fc.asyncProperty(mutated, async (bytes) => {
        try {
          const decoded = await decodeContent(bytes, registry, { maxDecompressedBytes: 4096 })
          if (decoded.error) expect(isTyped(decoded.error)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError)
        }
      }),
      { numRuns: 500 },
    )
  })
})
