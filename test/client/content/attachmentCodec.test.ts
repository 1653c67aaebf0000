import { describe, expect, test } from 'vitest'
import { attachmentCodec, ContentTypeAttachment, type Attachment } from '../../../packages/client/src/content/attachmentCodec.js'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { DecodeError } from '../../../packages/client/src/errors/errors.js'
import { createSdkContentClient, sdkRemoteAttachment } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()
const attachment: Attachment = { filename: 'cat.png', mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71, 0, 1, 2, 255]) }

describe('attachmentCodec', () => {
  test('default', async () => {
    expect(ContentTypeAttachment).toEqual({ ...sdkRemoteAttachment.ContentTypeAttachment })
    const encoded = attachmentCodec.encode(attachment, registry)
    expect(Object.entries(encoded.parameters)).toEqual([
      ['filename', 'cat.png'],
      ['mimeType', 'image/png'],
    ])
    expect(attachmentCodec.decode(encoded, registry)).toEqual(attachment)
    expect(attachmentCodec.fallback(attachment)).toBe('Can\u2019t display "cat.png". This app doesn\u2019t support attachments.')
    expect(attachmentCodec.shouldPush(attachment)).toBe(true)
    const payload = await encodeContent(attachment, { contentType: ContentTypeAttachment, registry })
    expect(await decodeContent(payload, registry)).toEqual({
      contentType: ContentTypeAttachment,
      content: attachment,
      fallback: 'Can\u2019t display "cat.png". This app doesn\u2019t support attachments.',
    })
  })

  test('behavior: same bytes as the SDK (with fallback); each side reads the other', async () => {
    for (const compression of [undefined, 'gzip'] as const) {
      const big = { ...attachment, data: new Uint8Array(600).fill(7) }
      const ours = await encodeContent(big, { contentType: ContentTypeAttachment, compression, registry })
      const theirs = await sdk.encodeContent(big, {
        contentType: sdkRemoteAttachment.ContentTypeAttachment,
        ...(compression ? { compression: 1 } : {}),
      })
      expect(ours).toEqual(theirs.payload)
      const sdkDecoded = (await sdk.decodeContent(ours)).content as Attachment
      // The SDK hands out Node Buffers; compare the bytes.
      expect({ ...sdkDecoded, data: new Uint8Array(sdkDecoded.data) }).toEqual(big)
      expect((await decodeContent(theirs.payload, registry)).content).toEqual(big)
    }
  })

  test('behavior: decoded data is a plain Uint8Array, even from a Node Buffer', async () => {
    const payload = Buffer.from(await encodeContent(attachment, { contentType: ContentTypeAttachment, registry }))
    const decoded = await decodeContent(payload, registry)
    expect(Object.getPrototypeOf((decoded.content as Attachment).data)).toBe(Uint8Array.prototype)
    expect(decoded.content).toEqual(attachment)
  })

  test('behavior: filename and mimeType are required', () => {
    const content = new Uint8Array([1])
    expect(() => attachmentCodec.decode({ type: ContentTypeAttachment, parameters: { filename: 'a' }, content }, registry)).toThrow(DecodeError)
    expect(() => attachmentCodec.decode({ type: ContentTypeAttachment, parameters: { mimeType: 'a' }, content }, registry)).toThrow(DecodeError)
    expect(() => attachmentCodec.encode({ ...attachment, data: [1, 2] } as never, registry)).toThrow(TypeError)
    expect(() => attachmentCodec.encode({ ...attachment, filename: undefined } as never, registry)).toThrow(TypeError)
  })
})
