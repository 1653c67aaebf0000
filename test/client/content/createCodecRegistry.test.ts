import { describe, expect, test } from 'vitest'
import { attachmentCodec } from '../../../packages/client/src/content/attachmentCodec.js'
import type { ContentCodec } from '../../../packages/client/src/content/ContentCodec.js'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { defaultCodecs } from '../../../packages/client/src/content/defaultCodecs.js'
import { reactionCodec } from '../../../packages/client/src/content/reactionCodec.js'
import { readReceiptCodec } from '../../../packages/client/src/content/readReceiptCodec.js'
import { remoteAttachmentCodec } from '../../../packages/client/src/content/remoteAttachmentCodec.js'
import { replyCodec } from '../../../packages/client/src/content/replyCodec.js'
import { ContentTypeText, textCodec } from '../../../packages/client/src/content/textCodec.js'

const pingType = { authorityId: 'example.com', typeId: 'ping', versionMajor: 2, versionMinor: 1 }
const pingCodec: ContentCodec<number> = {
  contentType: pingType,
  encode: (n) => ({ type: pingType, parameters: {}, content: new TextEncoder().encode(String(n)) }),
  decode: (encoded) => Number(new TextDecoder().decode(encoded.content)),
  fallback: () => 'Ping',
  shouldPush: () => false,
}

describe('createCodecRegistry', () => {
  test('default: holds the six standard codecs', () => {
    const registry = createCodecRegistry()
    expect(registry.list()).toEqual([textCodec, reactionCodec, replyCodec, readReceiptCodec, attachmentCodec, remoteAttachmentCodec])
    expect(defaultCodecs).toEqual(registry.list())
    for (const codec of defaultCodecs) expect(registry.codecFor(codec.contentType)).toBe(codec)
    expect(Object.isFrozen(defaultCodecs)).toBe(true)
    expect(Object.isFrozen(textCodec)).toBe(true)
  })

  test('parameters: codecs', () => {
    const registry = createCodecRegistry([pingCodec])
    expect(registry.list()).toEqual([pingCodec])
    expect(registry.codecFor(ContentTypeText)).toBeUndefined()
    expect(createCodecRegistry([]).list()).toEqual([])
  })

  test('behavior: register adds a codec, replaces one of the same authority/type, and chains', () => {
    const registry = createCodecRegistry()
    expect(registry.register(pingCodec)).toBe(registry)
    expect(registry.codecFor(pingType)).toBe(pingCodec)
    const replacement = { ...textCodec, fallback: () => 'text' }
    registry.register(replacement)
    expect(registry.codecFor(ContentTypeText)).toBe(replacement)
    expect(registry.list()).toHaveLength(7)
    expect(registry.list().at(-1)).toBe(replacement)
  })

  test('behavior: a codec decodes only versionMajor up to its own; minor versions do not matter', () => {
    const registry = createCodecRegistry([pingCodec])
    expect(registry.codecFor({ ...pingType, versionMajor: 0 })).toBe(pingCodec)
    expect(registry.codecFor({ ...pingType, versionMajor: 2, versionMinor: 99 })).toBe(pingCodec)
    expect(registry.codecFor({ ...pingType, versionMajor: 3, versionMinor: 0 })).toBeUndefined()
    expect(registry.codecFor({ ...pingType, typeId: 'pong' })).toBeUndefined()
  })

  test('behavior: registries are independent', () => {
    const a = createCodecRegistry()
    a.register(pingCodec)
    expect(createCodecRegistry().codecFor(pingType)).toBeUndefined()
  })

  test('behavior: rejects codecs without a content type or methods', () => {
    const registry = createCodecRegistry([])
    expect(() => registry.register({ ...pingCodec, contentType: undefined } as never)).toThrow(TypeError)
    expect(() => registry.register({ ...pingCodec, shouldPush: undefined } as never)).toThrow('codec.shouldPush')
    expect(() => registry.register({ ...pingCodec, contentType: { ...pingType, versionMajor: 1.5 } })).toThrow(TypeError)
  })
})
