import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import { ContentTypeReaction, reactionCodec, type Reaction } from '../../../packages/client/src/content/reactionCodec.js'
import { DecodeError } from '../../../packages/client/src/errors/errors.js'
import { content as contentProto } from '../../../packages/client/src/proto.js'
import { createSdkContentClient, sdkReaction } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()
const reference = '0f'.repeat(32)
const added: Reaction = { action: 'added', reference, schema: 'unicode', content: '👍' }
const removed: Reaction = { action: 'removed', reference, referenceInboxId: 'inbox-1', schema: 'shortcode', content: ':+1:' }
const ourEncode = (reaction: Reaction) => encodeContent(reaction, { contentType: ContentTypeReaction, registry })

const reactions = fc.record(
  {
    action: fc.constantFrom('added' as const, 'removed' as const),
    reference: fc.string({ unit: 'binary', maxLength: 70 }),
    referenceInboxId: fc.string({ unit: 'binary', maxLength: 30 }),
    schema: fc.constantFrom('unicode' as const, 'shortcode' as const, 'custom' as const),
    content: fc.string({ unit: 'binary', maxLength: 20 }),
  },
  { requiredKeys: ['action', 'reference', 'schema', 'content'] },
)

describe('reactionCodec', () => {
  test('default: JSON in the SDK key order, empty parameters', () => {
    const encoded = reactionCodec.encode(removed, registry)
    expect(encoded.parameters).toEqual({})
    expect(new TextDecoder().decode(encoded.content)).toBe(
      `{"action":"removed","reference":"${reference}","referenceInboxId":"inbox-1","schema":"shortcode","content":":+1:"}`,
    )
    expect(new TextDecoder().decode(reactionCodec.encode(added, registry).content)).toBe(
      `{"action":"added","reference":"${reference}","schema":"unicode","content":"👍"}`,
    )
    expect(reactionCodec.decode(encoded, registry)).toEqual(removed)
  })

  test('behavior: fallback with curly quotes; pushed only when added', () => {
    expect(reactionCodec.fallback(added)).toBe('Reacted \u201c👍\u201d to an earlier message')
    expect(reactionCodec.fallback(removed)).toBe('Removed \u201c:+1:\u201d from an earlier message')
    expect(reactionCodec.shouldPush(added)).toBe(true)
    expect(reactionCodec.shouldPush(removed)).toBe(false)
  })

  test('behavior: same bytes as the SDK; each side reads the other', async () => {
    for (const reaction of [added, removed]) {
      const ours = await ourEncode(reaction)
      const theirs = await sdk.encodeContent(reaction, { contentType: sdkReaction.ContentTypeReaction })
      expect(ours).toEqual(theirs.payload)
      expect((await sdk.decodeContent(ours)).content).toEqual(reaction)
      expect((await decodeContent(theirs.payload, registry)).content).toEqual(reaction)
    }
  })

  test('behavior: arbitrary reactions are byte-identical to the SDK and round trip (300 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(reactions, async (reaction) => {
        const ours = await ourEncode(reaction)
        expect(ours).toEqual((await sdk.encodeContent(reaction, { contentType: sdkReaction.ContentTypeReaction })).payload)
        expect((await decodeContent(ours, registry)).content).toEqual(reaction)
        expect((await sdk.decodeContent(ours)).content).toEqual(reaction)
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: decodes the legacy form (parameters + emoji content), as the SDK', async () => {
    const legacy = contentProto.EncodedContent.encode({
      type: ContentTypeReaction,
      parameters: { encoding: 'UTF-8', action: 'added', reference, schema: 'unicode' },
      content: new TextEncoder().encode('🎉'),
    }).finish()
    const expected = { action: 'added', reference, schema: 'unicode', content: '🎉' }
    expect((await decodeContent(legacy, registry)).content).toEqual(expected)
    expect((await sdk.decodeContent(legacy)).content).toEqual(expected)
  })

  test('behavior: neither valid JSON nor legacy parameters is a DecodeError', () => {
    const decode = (json: string, parameters: Record<string, string> = {}) =>
      reactionCodec.decode({ type: ContentTypeReaction, parameters, content: new TextEncoder().encode(json) }, registry)
    expect(() => decode('👍')).toThrow(DecodeError)
    expect(() => decode('{"action":"liked","reference":"a","schema":"unicode","content":"x"}')).toThrow(DecodeError)
    expect(() => decode('{"action":"added","reference":"a","schema":"emoji","content":"x"}')).toThrow(DecodeError)
    expect(() => decode('null')).toThrow(DecodeError)
    expect(decode('{"action":"added","reference":"a","referenceInboxId":null,"schema":"custom","content":"x"}')).toEqual({
      action: 'added',
      reference: 'a',
      schema: 'custom',
      content: 'x',
    })
  })

  test('behavior: rejects invalid reactions with a TypeError', () => {
    expect(() => reactionCodec.encode({ ...added, action: 'liked' } as never, registry)).toThrow(TypeError)
    expect(() => reactionCodec.encode({ ...added, schema: 'emoji' } as never, registry)).toThrow(TypeError)
    expect(() => reactionCodec.encode({ ...added, reference: undefined } as never, registry)).toThrow(TypeError)
  })
})
