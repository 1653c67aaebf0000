import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, randomBytes } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { encrypt } from '../../../packages/client/src/crypto/encryption.js'
import { signDigest } from '../../../packages/client/src/crypto/secp256k1.js'
import { DecodeError, DecryptionError, SignatureError } from '../../../packages/client/src/errors/errors.js'
import { createBundleVerifier } from '../../../packages/client/src/identity/createBundleVerifier.js'
import { decodeMessageV2, encodeMessageV2 } from '../../../packages/client/src/messages/messageV2.js'
import { content, message } from '../../../packages/client/src/proto.js'
import { toLong } from '../../../packages/client/src/utils/long.js'
import { vectorBundle } from '../../support/vectorBundles.js'

let A: Awaited<ReturnType<typeof vectorBundle>>
let B: Awaited<ReturnType<typeof vectorBundle>>
const topic = '/xmtp/0/m-0000000000000000000000000000000000000000000000000000000000000001/proto'
const keyMaterial = randomBytes(32)
const payload = new TextEncoder().encode('an EncodedContent stands here')
let sealed: Uint8Array

beforeAll(async () => {
  ;[A, B] = await Promise.all([vectorBundle('A'), vectorBundle('B')])
  sealed = encodeMessageV2({
    keys: A.keys, myBundle: A.signed, myAddress: A.address, topic, keyMaterial, payload, createdNs: 1_700_000_000_000_000_000n, shouldPush: true,
  })
})

const typed = (error: unknown) => [DecodeError, DecryptionError, SignatureError].some((E) => error instanceof E)

describe('decodeMessageV2', () => {
  test('default: opens what encodeMessageV2 sealed, with the sender verified', () => {
    const opened = decodeMessageV2({ topic, keyMaterial, message: sealed })
    expect(opened).toMatchObject({ senderAddress: A.address, sentNs: 1_700_000_000_000_000_000n })
    expect(opened.payload).toEqual(payload)
    expect(opened.id).toMatch(/^[0-9a-f]{64}$/)
  })

  test('behavior: any flipped bit (header, ciphertext, HMAC, signature) is a typed error or the very same message (8,000 cases)', () => {
    const verify = createBundleVerifier()
    fc.assert(
      fc.property(fc.nat({ max: sealed.length * 8 - 1 }), (bit) => {
        const copy = Uint8Array.from(sealed)
        copy[bit >> 3]! ^= 1 << (bit & 7)
        try {
          const opened = decodeMessageV2({ topic, keyMaterial, message: copy, verifyBundle: verify })
          // Only bits outside the authenticated parts (sender HMAC, should_push) may change without effect.
          expect(opened.senderAddress).toBe(A.address)
          expect(opened.payload).toEqual(payload)
        } catch (error) {
          expect(typed(error)).toBe(true)
        }
      }),
      { numRuns: 8000 },
    )
  })

  test('behavior: arbitrary bytes are a typed error (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => decodeMessageV2({ topic, keyMaterial, message: bytes })).toThrow()
        try {
          decodeMessageV2({ topic, keyMaterial, message: bytes })
        } catch (error) {
          expect(typed(error)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })

  test('behavior: a message for another topic is refused', () => {
    expect(() => decodeMessageV2({ topic: topic.replace('1/proto', '2/proto'), keyMaterial, message: sealed })).toThrow(SignatureError)
  })

  test('behavior: a forged sender (claimed bundle, signature by another pre-key) is refused', () => {
    // Encrypted correctly with the conversation key, claiming A's bundle but signed by B's pre-key.
    const headerBytes = message.MessageHeaderV2.encode({ createdNs: toLong(1n), topic }).finish()
    const signature = signDigest(sha256(concatBytes(headerBytes, payload)), B.keys.preKeys[0]!.secp256k1!.bytes)
    const signed = content.SignedContent.encode({ payload, sender: A.signed, signature: { ecdsaCompact: signature, walletEcdsaCompact: undefined } }).finish()
    const forged = message.Message.encode({
      v1: undefined,
      v2: { headerBytes, ciphertext: { aes256GcmHkdfSha256: encrypt(signed, keyMaterial, headerBytes) }, senderHmac: undefined, shouldPush: undefined },
    }).finish()
    expect(() => decodeMessageV2({ topic, keyMaterial, message: forged })).toThrow(SignatureError)

    // A sender bundle whose pre-key was not signed by its identity key.
    const mixed = { identityKey: A.signed.identityKey, preKey: B.signed.preKey }
    const signedMixed = content.SignedContent.encode({
      payload, sender: mixed, signature: { ecdsaCompact: signDigest(sha256(concatBytes(headerBytes, payload)), B.keys.preKeys[0]!.secp256k1!.bytes), walletEcdsaCompact: undefined },
    }).finish()
    const forgedBundle = message.Message.encode({
      v1: undefined,
      v2: { headerBytes, ciphertext: { aes256GcmHkdfSha256: encrypt(signedMixed, keyMaterial, headerBytes) }, senderHmac: undefined, shouldPush: undefined },
    }).finish()
    expect(() => decodeMessageV2({ topic, keyMaterial, message: forgedBundle })).toThrow(SignatureError)
  })

  test('behavior: the wrong key material is a DecryptionError', () => {
    expect(() => decodeMessageV2({ topic, keyMaterial: randomBytes(32), message: sealed })).toThrow(DecryptionError)
  })
})
