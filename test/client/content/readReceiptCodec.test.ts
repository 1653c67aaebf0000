import { describe, expect, test } from 'vitest'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { ContentTypeReadReceipt, readReceiptCodec } from '../../../packages/client/src/content/readReceiptCodec.js'
import { createSdkContentClient, sdkReadReceipt } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()

describe('readReceiptCodec', () => {
  test('default: empty parameters and content, no fallback, never pushed', async () => {
    expect(ContentTypeReadReceipt).toEqual({ ...sdkReadReceipt.ContentTypeReadReceipt })
    const encoded = readReceiptCodec.encode({}, registry)
    expect(encoded.parameters).toEqual({})
    expect(encoded.content).toEqual(new Uint8Array(0))
    expect(readReceiptCodec.fallback({})).toBeUndefined()
    expect(readReceiptCodec.shouldPush({})).toBe(false)
    const payload = await encodeContent({}, { contentType: ContentTypeReadReceipt, registry })
    expect(await decodeContent(payload, registry)).toEqual({ contentType: ContentTypeReadReceipt, content: {}, fallback: undefined })
  })

  test('behavior: same bytes as the SDK; each side reads the other', async () => {
    const ours = await encodeContent({}, { contentType: ContentTypeReadReceipt, registry })
    const theirs = await sdk.encodeContent({}, { contentType: sdkReadReceipt.ContentTypeReadReceipt })
    expect(ours).toEqual(theirs.payload)
    expect(theirs.shouldPush).toBe(false)
    expect((await sdk.decodeContent(ours)).content).toEqual({})
    expect((await decodeContent(theirs.payload, registry)).content).toEqual({})
  })
})
