import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { ContentTypeText, textCodec } from '../../../packages/client/src/content/textCodec.js'
import { DecodeError } from '../../../packages/client/src/errors/errors.js'
import { createSdkContentClient, sdkText } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()
const sdkCodec = new sdkText.TextCodec()
const ourEncode = (text: string) => encodeContent(text, { contentType: ContentTypeText, registry })

describe('textCodec', () => {
  test('default', async () => {
    expect(ContentTypeText).toEqual({ authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 })
    const encoded = textCodec.encode('héllo 👋', registry)
    expect(encoded.parameters).toEqual({ encoding: 'UTF-8' })
    expect(textCodec.decode(encoded, registry)).toBe('héllo 👋')
    expect(textCodec.fallback('x')).toBeUndefined()
    expect(textCodec.shouldPush('x')).toBe(true)
    expect((await decodeContent(await ourEncode('héllo 👋'), registry)).content).toBe('héllo 👋')
  })

  test('behavior: same bytes as the SDK; each side reads the other', async () => {
    for (const text of ['', 'gm', 'héllo 👋', '\u0000\uffff', 'x'.repeat(5000)]) {
      const ours = await ourEncode(text)
      const theirs = await sdk.encodeContent(text, { contentType: sdkText.ContentTypeText })
      expect(ours).toEqual(theirs.payload)
      expect(theirs.shouldPush).toBe(textCodec.shouldPush(text))
      expect((await sdk.decodeContent(ours)).content).toBe(text)
      expect((await decodeContent(theirs.payload, registry)).content).toBe(text)
    }
  })

  test('behavior: lone surrogates become U+FFFD, as in the SDK', async () => {
    const ours = await ourEncode('a\ud800b')
    expect(ours).toEqual((await sdk.encodeContent('a\ud800b', { contentType: sdkText.ContentTypeText })).payload)
    expect((await decodeContent(ours, registry)).content).toBe('a\ufffdb')
  })

  test('behavior: a leading BOM survives (the SDK drops it)', async () => {
    const payload = await ourEncode('\ufeffhi')
    expect((await decodeContent(payload, registry)).content).toBe('\ufeffhi')
    expect((await sdk.decodeContent(payload)).content).toBe('hi')
  })

  test('behavior: parameters must be exactly {encoding: "UTF-8"}', () => {
    const content = new TextEncoder().encode('hi')
    for (const parameters of [{}, { encoding: 'utf-8' }, { encoding: 'UTF8' }, { encoding: 'unknown' }] as Record<string, string>[]) {
      expect(() => textCodec.decode({ type: ContentTypeText, parameters, content }, registry)).toThrow(DecodeError)
      expect(() => sdkCodec.decode({ type: sdkText.ContentTypeText, parameters, content } as never)).toThrow('unrecognized encoding')
    }
    expect(() => textCodec.encode(1 as unknown as string, registry)).toThrow(TypeError)
  })

  test('behavior: arbitrary Unicode strings round trip, byte-identical to the SDK (1,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        const ours = await ourEncode(text)
        expect(ours).toEqual((await sdk.encodeContent(text, { contentType: sdkText.ContentTypeText })).payload)
        expect((await decodeContent(ours, registry)).content).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })
})
