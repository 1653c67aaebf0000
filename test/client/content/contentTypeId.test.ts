import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatContentTypeId, isSameContentType, parseContentTypeId } from '../../../packages/client/src/content/contentTypeId.js'
import { ContentTypeText } from '../../../packages/client/src/content/textCodec.js'
import { sdkPrimitives } from './sdk.js'

const segment = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[/:]/.test(s))
const contentTypeId = fc.record({
  authorityId: segment,
  typeId: segment,
  versionMajor: fc.nat({ max: 0xffffffff }),
  versionMinor: fc.nat({ max: 0xffffffff }),
})

describe('formatContentTypeId', () => {
  test('default', () => {
    expect(formatContentTypeId(ContentTypeText)).toBe('xmtp.org/text:1.0')
    expect(formatContentTypeId({ authorityId: 'a.b', typeId: 'c', versionMajor: 12, versionMinor: 3 })).toBe('a.b/c:12.3')
  })

  test('behavior: matches the SDK ContentTypeId.toString and parses back (300 cases)', () => {
    fc.assert(
      fc.property(contentTypeId, (id) => {
        const text = formatContentTypeId(id)
        expect(text).toBe(new sdkPrimitives.ContentTypeId(id).toString())
        expect(parseContentTypeId(text)).toEqual(id)
      }),
      { numRuns: 300 },
    )
  })
})

describe('parseContentTypeId', () => {
  test('default', () => {
    expect(parseContentTypeId('xmtp.org/reaction:1.0')).toEqual({ authorityId: 'xmtp.org', typeId: 'reaction', versionMajor: 1, versionMinor: 0 })
  })

  test('behavior: rejects anything else with a TypeError', () => {
    for (const text of ['', 'xmtp.org/text', 'xmtp.org:1.0', '/text:1.0', 'xmtp.org/text:1', 'xmtp.org/text:1.0.0', 'a/b:-1.0', 'a/b:4294967296.0', 'a/b/c:1.0']) {
      expect(() => parseContentTypeId(text), text).toThrow(TypeError)
    }
    expect(() => parseContentTypeId(undefined as unknown as string)).toThrow(TypeError)
  })
})

describe('isSameContentType', () => {
  test('default: authority and type decide, versions do not', () => {
    expect(isSameContentType(ContentTypeText, { ...ContentTypeText, versionMajor: 7, versionMinor: 9 })).toBe(true)
    expect(isSameContentType(ContentTypeText, { ...ContentTypeText, typeId: 'Text' })).toBe(false)
    expect(isSameContentType(ContentTypeText, { ...ContentTypeText, authorityId: 'example.com' })).toBe(false)
  })
})
