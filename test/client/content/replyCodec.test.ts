import { describe, expect, test } from 'vitest'
import { ContentTypeError } from '../../../packages/client/src/content/ContentTypeError.js'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { ContentTypeReaction, type Reaction } from '../../../packages/client/src/content/reactionCodec.js'
import { ContentTypeReply, replyCodec, type Reply } from '../../../packages/client/src/content/replyCodec.js'
import { ContentTypeText, textCodec } from '../../../packages/client/src/content/textCodec.js'
import { DecodeError } from '../../../packages/client/src/errors/errors.js'
import { content as contentProto } from '../../../packages/client/src/proto.js'
import { createSdkContentClient, sdkPrimitives, sdkReaction, sdkReply, sdkText } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()
const reference = 'ab'.repeat(32)
const reaction: Reaction = { action: 'added', reference, schema: 'unicode', content: '🔥' }
const textReply: Reply = { reference, contentType: ContentTypeText, content: 'agreed' }
const reactionReply: Reply = { reference, referenceInboxId: 'inbox-7', contentType: ContentTypeReaction, content: reaction }
const ourEncode = (reply: Reply) => encodeContent(reply, { contentType: ContentTypeReply, registry })
/** The same reply for the SDK, whose codec needs its ContentTypeId class (it calls `toString`). */
const toSdk = (reply: Reply) => ({ ...reply, contentType: new sdkPrimitives.ContentTypeId(reply.contentType) })

describe('replyCodec', () => {
  test('default: the inner EncodedContent as content; contentType and reference parameters', () => {
    const encoded = replyCodec.encode(textReply, registry)
    expect(encoded.parameters).toEqual({ contentType: 'xmtp.org/text:1.0', reference })
    const inner = contentProto.EncodedContent.decode(encoded.content)
    expect(inner).toMatchObject({ type: ContentTypeText, parameters: { encoding: 'UTF-8' }, fallback: undefined, compression: undefined })
    expect(replyCodec.decode(encoded, registry)).toEqual(textReply)
    expect(replyCodec.encode(reactionReply, registry).parameters).toEqual({ contentType: 'xmtp.org/reaction:1.0', reference, referenceInboxId: 'inbox-7' })
  })

  test('behavior: fallback quotes text content; always pushed', () => {
    expect(replyCodec.fallback(textReply)).toBe('Replied with \u201cagreed\u201d to an earlier message')
    expect(replyCodec.fallback(reactionReply)).toBe('Replied to an earlier message')
    expect(replyCodec.shouldPush(textReply)).toBe(true)
  })

  test('behavior: same bytes as the SDK; each side reads the other', async () => {
    for (const reply of [textReply, reactionReply, { ...textReply, referenceInboxId: '' }]) {
      const ours = await ourEncode(reply)
      const theirs = await sdk.encodeContent(toSdk(reply), { contentType: sdkReply.ContentTypeReply })
      expect(ours).toEqual(theirs.payload)
      const sdkDecoded = (await sdk.decodeContent(ours)).content as Reply
      expect({ ...sdkDecoded, contentType: { ...sdkDecoded.contentType } }).toEqual(reply.referenceInboxId === '' ? textReply : reply)
      expect((await decodeContent(theirs.payload, registry)).content).toEqual(reply.referenceInboxId === '' ? textReply : reply)
    }
  })

  test('behavior: replies nest', async () => {
    const nested: Reply = { reference: 'cd'.repeat(32), contentType: ContentTypeReply, content: textReply }
    const ours = await ourEncode(nested)
    expect((await decodeContent(ours, registry)).content).toEqual(nested)
    const theirs = await sdk.encodeContent({ ...toSdk(nested), content: toSdk(textReply) }, { contentType: sdkReply.ContentTypeReply })
    expect(ours).toEqual(theirs.payload)
  })

  test('behavior: an inner type without codec fails encoding, and decodes to the reply fallback with a ContentTypeError', async () => {
    const unknown = { authorityId: 'example.com', typeId: 'poll', versionMajor: 1, versionMinor: 0 }
    expect(() => replyCodec.encode({ reference, contentType: unknown, content: {} }, registry)).toThrow(ContentTypeError)
    // A registry without the text codec reads a text reply as unknown content, keeping the reply's fallback.
    const payload = await ourEncode(textReply)
    const decoded = await decodeContent(payload, createCodecRegistry([replyCodec]))
    expect(decoded.error).toBeInstanceOf(ContentTypeError)
    expect(decoded.fallback).toBe('Replied with \u201cagreed\u201d to an earlier message')
    expect(decoded.contentType).toEqual(ContentTypeReply)
    // And with both codecs it reads.
    expect((await decodeContent(payload, createCodecRegistry([replyCodec, textCodec]))).content).toEqual(textReply)
  })

  test('behavior: malformed replies are DecodeErrors', () => {
    const decode = (parameters: Record<string, string>, content: Uint8Array) =>
      replyCodec.decode({ type: ContentTypeReply, parameters, content }, registry)
    const inner = contentProto.EncodedContent.encode({ type: ContentTypeText, parameters: { encoding: 'UTF-8' }, content: new Uint8Array([104]) }).finish()
    expect(decode({ reference }, inner)).toEqual({ reference, contentType: ContentTypeText, content: 'h' })
    expect(() => decode({}, inner)).toThrow(DecodeError)
    expect(() => decode({ reference }, new Uint8Array([0xff, 0xff]))).toThrow(DecodeError)
    expect(() => decode({ reference }, new Uint8Array(0))).toThrow('no content type')
    const compressed = contentProto.EncodedContent.encode({ type: ContentTypeText, parameters: { encoding: 'UTF-8' }, compression: 0, content: inner }).finish()
    expect(() => decode({ reference }, compressed)).toThrow(DecodeError)
    expect(() => replyCodec.encode({ contentType: ContentTypeText, content: 'x' } as never, registry)).toThrow(TypeError)
  })
})

// The SDK codec classes are used above only through the SDK client; make sure the ids agree.
test('ContentTypeReply', () => {
  expect(ContentTypeReply).toEqual({ ...sdkReply.ContentTypeReply })
  expect(ContentTypeReaction).toEqual({ ...sdkReaction.ContentTypeReaction })
  expect(ContentTypeText).toEqual({ ...sdkText.ContentTypeText })
})
