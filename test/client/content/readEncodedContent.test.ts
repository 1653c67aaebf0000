import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { readEncodedContent } from '../../../packages/client/src/content/readEncodedContent.js'
import { content as contentProto } from '../../../packages/client/src/proto.js'

/** The generated decoder of @xmtp/proto: the reference. */
function reference(bytes: Uint8Array): { ok: true; value: contentProto.EncodedContent } | { ok: false } {
  try {
    return { ok: true, value: contentProto.EncodedContent.decode(bytes) }
  } catch {
    return { ok: false }
  }
}

function ours(bytes: Uint8Array): { ok: true; value: ReturnType<typeof readEncodedContent> } | { ok: false } {
  try {
    return { ok: true, value: readEncodedContent(bytes) }
  } catch {
    return { ok: false }
  }
}

const plain = (value: contentProto.EncodedContent) => ({ ...value, content: new Uint8Array(value.content) })

const uint32 = fc.nat({ max: 0xffffffff })
const encodedContent = fc.record({
  type: fc.option(fc.record({ authorityId: fc.string({ unit: 'grapheme' }), typeId: fc.string(), versionMajor: uint32, versionMinor: uint32 }), { nil: undefined }),
  parameters: fc.dictionary(fc.string({ unit: 'grapheme' }).filter((k) => k !== '__proto__'), fc.string({ unit: 'grapheme' })),
  fallback: fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
  compression: fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }),
  content: fc.uint8Array({ maxLength: 300 }),
})

/** A field the decoders must skip: a varint, 64-bit, length-delimited, group or 32-bit field with a number > 5. */
const unknownField = fc.oneof(
  fc.tuple(fc.integer({ min: 6, max: 2000 }), uint32).map(([n, v]) => { const w = new protobufWriter(); w.tag(n, 0); w.varint(v); return w.bytes() }),
  fc.tuple(fc.integer({ min: 6, max: 2000 }), fc.uint8Array({ minLength: 8, maxLength: 8 })).map(([n, b]) => { const w = new protobufWriter(); w.tag(n, 1); w.raw(b); return w.bytes() }),
  fc.tuple(fc.integer({ min: 6, max: 2000 }), fc.uint8Array({ maxLength: 40 })).map(([n, b]) => { const w = new protobufWriter(); w.tag(n, 2); w.varint(b.length); w.raw(b); return w.bytes() }),
  fc.tuple(fc.integer({ min: 6, max: 2000 }), fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([n, b]) => { const w = new protobufWriter(); w.tag(n, 5); w.raw(b); return w.bytes() }),
  fc.tuple(fc.integer({ min: 6, max: 2000 }), uint32).map(([n, v]) => { const w = new protobufWriter(); w.tag(n, 3); w.tag(1, 0); w.varint(v); w.tag(n, 4); return w.bytes() }),
)

class protobufWriter {
  private out: number[] = []
  varint(value: number) {
    let v = value >>> 0
    while (v > 127) {
      this.out.push((v & 127) | 128)
      v >>>= 7
    }
    this.out.push(v)
  }
  tag(field: number, wireType: number) {
    this.varint(((field << 3) | wireType) >>> 0)
  }
  raw(bytes: Uint8Array) {
    this.out.push(...bytes)
  }
  bytes() {
    return Uint8Array.from(this.out)
  }
}

const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]))

describe('readEncodedContent', () => {
  test('behavior: equals the @xmtp/proto decoder on every valid encoding, with unknown fields around and between', () => {
    fc.assert(
      fc.property(encodedContent, fc.array(unknownField, { maxLength: 3 }), fc.array(unknownField, { maxLength: 3 }), (message, before, after) => {
        const bytes = concat([...before, contentProto.EncodedContent.encode(message).finish(), ...after])
        const expected = reference(bytes)
        expect(expected.ok).toBe(true)
        expect(ours(bytes)).toEqual({ ok: true, value: plain((expected as { value: contentProto.EncodedContent }).value) })
      }),
      { numRuns: 3000 },
    )
  })

  test('behavior: the last occurrence of a field wins, as in the reference', () => {
    fc.assert(
      fc.property(encodedContent, encodedContent, (a, b) => {
        const bytes = concat([contentProto.EncodedContent.encode(a).finish(), contentProto.EncodedContent.encode(b).finish()])
        const expected = reference(bytes)
        expect(ours(bytes)).toEqual(expected.ok ? { ok: true, value: plain(expected.value) } : { ok: false })
      }),
      { numRuns: 1000 },
    )
  })

  test('error: arbitrary and mutated bytes are refused exactly when the reference refuses them, and read the same otherwise', () => {
    const mutated = fc
      .tuple(encodedContent, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat())
      .map(([message, flips, cut]) => {
        const bytes = Uint8Array.from(contentProto.EncodedContent.encode(message).finish())
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value
        return bytes.subarray(0, bytes.length === 0 ? 0 : cut % (bytes.length + 1))
      })
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated), (input) => {
        const bytes = Uint8Array.from(input)
        const expected = reference(bytes)
        const actual = ours(bytes)
        expect(actual.ok).toBe(expected.ok)
        if (!actual.ok || !expected.ok) return
        const a = actual.value
        const e = expected.value
        expect(a.content).toEqual(new Uint8Array(e.content))
        expect(a.compression).toBe(e.compression)
        expect(a.type === undefined).toBe(e.type === undefined)
        expect([a.type?.versionMajor, a.type?.versionMinor]).toEqual([e.type?.versionMajor, e.type?.versionMinor])
        // Strings agree whenever they are valid UTF-8 (the reference decodes invalid sequences its own way).
        const same = (x: string | undefined, y: string | undefined) => {
          if (x !== undefined && !x.includes('\uFFFD')) expect(x).toBe(y)
        }
        same(a.type?.authorityId, e.type?.authorityId)
        same(a.type?.typeId, e.type?.typeId)
        same(a.fallback, e.fallback)
        expect(Object.keys(a.parameters).length).toBe(Object.keys(e.parameters).length)
      }),
      { numRuns: 6000 },
    )
  })

  test('error: truncated input and bad wire types throw', () => {
    const valid = contentProto.EncodedContent.encode({
      type: { authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 },
      parameters: { encoding: 'UTF-8' },
      fallback: undefined,
      compression: undefined,
      content: new TextEncoder().encode('gm'),
    }).finish()
    expect(() => readEncodedContent(valid.subarray(0, valid.length - 1))).toThrow(/past the end/)
    expect(() => readEncodedContent(Uint8Array.of(0x0e))).toThrow(/wire type 6/)
    expect(readEncodedContent(valid).content).toEqual(new TextEncoder().encode('gm'))
  })
})
