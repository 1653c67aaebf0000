import { hexToBytes } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { privateKeyToAccount } from 'viem/accounts'
import { beforeAll, describe, expect, test } from 'vitest'
import { decodeContact, encodeContactBundles, findContact } from '../../../packages/client/src/contacts/contactBundle.js'
import {
  createPrivateKeyBundle,
  getPublicKeyBundle,
  getSignedBundleKeys,
  toSignedPublicKeyBundle,
  type PrivateKeyBundleV1,
} from '../../../packages/client/src/identity/keyBundle.js'
import { publicKey } from '../../../packages/client/src/proto.js'
import { toSigner } from '../../../packages/client/src/signer/toSigner.js'
import { vectors } from '../../support/vectors.js'

const { A, B } = vectors
let bundleA: PrivateKeyBundleV1
let legacyBytes: Uint8Array
let signedBytes: Uint8Array

beforeAll(async () => {
  bundleA = await createPrivateKeyBundle(toSigner(privateKeyToAccount(`0x${A.walletPriv}`)), {
    now: A.timestampMs,
    identityPrivateKey: hexToBytes(A.identityPriv),
    preKeyPrivateKey: hexToBytes(A.preKeyPriv),
  })
  const legacy = getPublicKeyBundle(bundleA)
  ;[legacyBytes, signedBytes] = encodeContactBundles(legacy, toSignedPublicKeyBundle(legacy))
})

const keysOf = (bytes: Uint8Array) => getSignedBundleKeys(decodeContact(bytes)!.bundle)

/** Flips one bit of `bytes` at a position chosen by fast-check. */
const flipped = (bytes: Uint8Array) =>
  fc.nat({ max: bytes.length * 8 - 1 }).map((bit) => {
    const copy = Uint8Array.from(bytes)
    copy[bit >> 3]! ^= 1 << (bit & 7)
    return copy
  })

describe('decodeContact', () => {
  test('default: reads v1, v2 and bare legacy bundles, verified', () => {
    expect(decodeContact(legacyBytes)?.address).toBe(A.wallet)
    expect(decodeContact(signedBytes)?.address).toBe(A.wallet)
    expect(decodeContact(signedBytes)?.legacyBundle).toBeUndefined()
    const bare = publicKey.PublicKeyBundle.encode(getPublicKeyBundle(bundleA)).finish()
    expect(decodeContact(bare)?.address).toBe(A.wallet)
    expect(findContact([signedBytes], B.wallet)).toBeUndefined()
  })

  test('behavior: arbitrary bytes never throw and are never a contact (3,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(decodeContact(bytes)).toBeUndefined()
      }),
      { numRuns: 3000 },
    )
  })

  test('behavior: a bundle with any single bit flipped is refused or carries the same keys (2 × 2,000 cases)', () => {
    for (const original of [legacyBytes, signedBytes]) {
      const keys = keysOf(original)
      fc.assert(
        fc.property(flipped(original), (bytes) => {
          const found = findContact([bytes], A.wallet)
          if (found) expect(getSignedBundleKeys(found.bundle)).toEqual(keys)
        }),
        { numRuns: 2000 },
      )
    }
  })

  test('behavior: a well-formed bundle with another wallet\'s signature is not that wallet\'s contact', async () => {
    // B's wallet signs A's identity key: the bundle verifies, but as B's, so it is no contact of A.
    const forged = await createPrivateKeyBundle(toSigner(privateKeyToAccount(`0x${B.walletPriv}`)), {
      now: A.timestampMs,
      identityPrivateKey: hexToBytes(A.identityPriv),
      preKeyPrivateKey: hexToBytes(A.preKeyPriv),
    })
    const legacy = getPublicKeyBundle(forged)
    const [v1, v2] = encodeContactBundles(legacy, toSignedPublicKeyBundle(legacy))
    expect(findContact([v1, v2], A.wallet)).toBeUndefined()
  })
})
