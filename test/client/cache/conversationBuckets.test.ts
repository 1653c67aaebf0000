import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { ConversationRecord } from '../../../packages/client/src/client/clientState.js'
import { StoredConversationRecord, StoredShapeError, toStoredConversation } from '../../../packages/client/src/cache/cacheRecords.js'
import { decodeBucket, encodeBucket, type BucketEntry } from '../../../packages/client/src/cache/conversationBuckets.js'
import { bytesToBase64 } from '../../../packages/client/src/utils/base64.js'

const ME = '0x00000000000000000000000000000000000000Aa'
const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(''))
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })
const address = fc.constantFrom('0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', ME)

const entry: fc.Arbitrary<BucketEntry> = fc
  .record({
    topic: fc.string({ minLength: 1 }),
    v1: fc.boolean(),
    peerAddress: address,
    createdNs: u64,
    context: fc.option(fc.record({ conversationId: fc.string(), metadata: fc.dictionary(fc.string(), fc.string()) }), { nil: undefined }),
    consentProof: fc.option(fc.record({ signature: fc.string(), timestamp: fc.integer({ min: 0 }) }), { nil: undefined }),
    createdByMe: fc.boolean(),
    keyMaterial: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    legacy: fc.uint8Array({ minLength: 1, maxLength: 80 }).map(bytesToBase64),
    ids: fc.array(hex(16), { maxLength: 3 }),
    last: fc.option(
      fc.record({ id: hex(32), senderAddress: address, sentNs: u64, envelopeNs: u64, payload: fc.uint8Array({ maxLength: 300 }) }),
      { nil: undefined },
    ),
  })
  .map(({ topic, v1, peerAddress, createdNs, context, consentProof, createdByMe, keyMaterial, legacy, ids, last }) => ({
    record: new StoredConversationRecord(
      { topic, version: v1 ? 'v1' : 'v2', peerAddress, createdNs, context, consentProof, createdByMe },
      v1 ? undefined : keyMaterial,
      v1 ? legacy : null,
    ),
    ids,
    last,
  }))

/** What a bucket must give back: the stored (JSON) form of each record, its ids and its preview. */
const comparable = (entries: readonly BucketEntry[]) =>
  entries.map(({ record, ids, last }) => ({
    record: toStoredConversation(record as ConversationRecord),
    ids: [...ids],
    last: last && { ...last, payload: [...last.payload] },
  }))

describe('conversation buckets (compact form)', () => {
  test('behavior: any bucket reads back exactly as written (property)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const { entries: read, compact } = decodeBucket(encodeBucket(entries, ME), ME)
        expect(compact).toBe(true)
        expect(comparable(read)).toEqual(comparable(entries))
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: a truncated or altered bucket is refused with a shape error, never misread silently past its end (property)', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (entries, at, value) => {
        const bytes = encodeBucket(entries, ME)
        const cut = bytes.subarray(0, at % bytes.length)
        expect(() => decodeBucket(cut, ME)).toThrow()
        const altered = new Uint8Array(bytes)
        altered[at % bytes.length] = value
        try {
          decodeBucket(altered, ME)
        } catch (error) {
          // Malformed: a shape error (or a TypeError from a list of ids); never a RangeError past the end.
          expect(error instanceof StoredShapeError || error instanceof TypeError).toBe(true)
          expect(error).not.toBeInstanceOf(RangeError)
        }
      }),
      { numRuns: 300 },
    )
  })
})
