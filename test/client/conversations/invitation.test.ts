import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { createInvitation } from '../../../packages/client/src/conversations/createInvitation.js'
import { deriveHmacKey } from '../../../packages/client/src/conversations/deriveConversation.js'
import { openInvitation, sealInvitation } from '../../../packages/client/src/conversations/invitation.js'
import { DecodeError, DecryptionError, SignatureError } from '../../../packages/client/src/errors/errors.js'
import { KitError } from '../../../packages/client/src/errors/KitError.js'
import { vectors } from '../../support/vectors.js'
import { vectorBundle } from '../../support/vectorBundles.js'

let A: Awaited<ReturnType<typeof vectorBundle>>
let B: Awaited<ReturnType<typeof vectorBundle>>
beforeAll(async () => {
  ;[A, B] = await Promise.all([vectorBundle('A'), vectorBundle('B')])
})

describe('createInvitation', () => {
  test('behavior: topic and key material match the known-answer vectors, from either side', () => {
    const withContext = createInvitation({
      keys: A.keys, myAddress: A.address, peerAddress: B.address, peerBundle: B.signed,
      context: { conversationId: vectors.invite.conversationId, metadata: {} },
    })
    expect(withContext.topic).toBe(vectors.invite.topic)
    expect(bytesToHex(withContext.aes256GcmHkdfSha256!.keyMaterial)).toBe(vectors.invite.keyMaterial)
    const noContext = createInvitation({ keys: A.keys, myAddress: A.address, peerAddress: B.address, peerBundle: B.signed })
    expect(noContext.topic).toBe(vectors.inviteNoContext.topic)
    expect(bytesToHex(noContext.aes256GcmHkdfSha256!.keyMaterial)).toBe(vectors.inviteNoContext.keyMaterial)
    // B derives the same conversation.
    const fromB = createInvitation({ keys: B.keys, myAddress: B.address, peerAddress: A.address, peerBundle: A.signed })
    expect(fromB.topic).toBe(noContext.topic)
  })

  test('behavior: sender HMAC key matches the vector', () => {
    const key = deriveHmacKey(Buffer.from(vectors.invite.keyMaterial, 'hex'), 657, A.address)
    expect(bytesToHex(key)).toBe(vectors.senderHmacKey_period657_senderA)
  })
})

describe('openInvitation', () => {
  const createdNs = 1_700_000_000_123_000_000n
  const seal = () =>
    sealInvitation({
      keys: A.keys, sender: A.signed, recipient: B.signed, createdNs,
      invitation: createInvitation({ keys: A.keys, myAddress: A.address, peerAddress: B.address, peerBundle: B.signed }),
    })

  test('default: both sides open the sealed invitation and see each other', () => {
    const sealed = seal()
    const byB = openInvitation({ keys: B.keys, myBundle: B.signed, myAddress: B.address, envelopeTimestampNs: createdNs, message: sealed })
    expect(byB).toMatchObject({ peerAddress: A.address, sentByMe: false, createdNs })
    expect(byB.invitation.topic).toBe(vectors.inviteNoContext.topic)
    const byA = openInvitation({ keys: A.keys, myBundle: A.signed, myAddress: A.address, envelopeTimestampNs: createdNs, message: sealed })
    expect(byA).toMatchObject({ peerAddress: B.address, sentByMe: true })
  })

  test('behavior: header and envelope timestamps that differ are refused', () => {
    expect(() =>
      openInvitation({ keys: B.keys, myBundle: B.signed, myAddress: B.address, envelopeTimestampNs: createdNs + 1n, message: seal() }),
    ).toThrow(SignatureError)
  })

  test('behavior: any flipped bit is refused with a typed error or opens the same invitation (2,000 cases)', () => {
    const sealed = seal()
    const original = openInvitation({ keys: B.keys, myBundle: B.signed, myAddress: B.address, envelopeTimestampNs: createdNs, message: sealed })
    fc.assert(
      fc.property(fc.nat({ max: sealed.length * 8 - 1 }), (bit) => {
        const copy = Uint8Array.from(sealed)
        copy[bit >> 3]! ^= 1 << (bit & 7)
        try {
          const opened = openInvitation({ keys: B.keys, myBundle: B.signed, myAddress: B.address, envelopeTimestampNs: createdNs, message: copy })
          expect(opened.invitation).toEqual(original.invitation)
          expect(opened.peerAddress).toBe(A.address)
        } catch (error) {
          expect(error).toBeInstanceOf(KitError)
          expect([DecodeError, DecryptionError, SignatureError].some((E) => error instanceof E)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
