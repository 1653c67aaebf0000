import fc from 'fast-check'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { beforeAll, describe, expect, test } from 'vitest'
import { KeystoreError } from '../../../packages/client/src/errors/errors.js'
import { createPrivateKeyBundle, type PrivateKeyBundleV1 } from '../../../packages/client/src/identity/keyBundle.js'
import {
  decodePrivateKeyBundle,
  encodePrivateKeyBundle,
} from '../../../packages/client/src/keystore/privateKeyBundleEncoding.js'
import { openPrivateKeyBundle, sealPrivateKeyBundle } from '../../../packages/client/src/keystore/privateStore.js'
import { privateKey } from '../../../packages/client/src/proto.js'
import { toSigner } from '../../../packages/client/src/signer/toSigner.js'

const account = privateKeyToAccount(generatePrivateKey())
const signer = toSigner(account)
let bundle: PrivateKeyBundleV1
let sealed: Uint8Array

beforeAll(async () => {
  bundle = await createPrivateKeyBundle(signer)
  sealed = await sealPrivateKeyBundle(signer, bundle)
})

describe('decodePrivateKeyBundle', () => {
  test('default: round-trips the Client.getKeys format; reads a bare V1 bundle as legacy', () => {
    const encoded = encodePrivateKeyBundle(bundle)
    const decoded = decodePrivateKeyBundle(encoded)
    expect(decoded.legacyFormat).toBe(false)
    expect(encodePrivateKeyBundle(decoded.bundle)).toEqual(encoded)
    const bare = privateKey.PrivateKeyBundleV1.encode(bundle).finish()
    expect(decodePrivateKeyBundle(bare).legacyFormat).toBe(true)
  })

  test('behavior: arbitrary bytes give a bundle or a KeystoreError, nothing else (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodePrivateKeyBundle(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(KeystoreError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('openPrivateKeyBundle', () => {
  test('default: the wallet that sealed the keys opens them with one signature', async () => {
    let signatures = 0
    const counting = { getAddress: () => account.address, signMessage: (m: string) => (signatures++, account.signMessage({ message: m })) }
    const opened = await openPrivateKeyBundle(counting, sealed)
    expect(encodePrivateKeyBundle(opened.bundle)).toEqual(encodePrivateKeyBundle(bundle))
    expect(signatures).toBe(1)
  })

  test('behavior: a Ledger-style signature (v = 0/1) still opens the keys', async () => {
    const ledger = {
      getAddress: () => account.address,
      signMessage: async (message: string) => {
        const sig = await account.signMessage({ message })
        const v = parseInt(sig.slice(-2), 16)
        return `${sig.slice(0, -2)}${(v - 27).toString(16).padStart(2, '0')}`
      },
    }
    expect((await openPrivateKeyBundle(ledger, sealed)).bundle.identityKey).toEqual(bundle.identityKey)
  })

  test('behavior: another wallet cannot open them', async () => {
    await expect(openPrivateKeyBundle(toSigner(privateKeyToAccount(generatePrivateKey())), sealed)).rejects.toThrow(KeystoreError)
  })

  test('behavior: any flipped bit in the stored bundle is refused with a KeystoreError (500 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.length * 8 - 1 }), async (bit) => {
        const copy = Uint8Array.from(sealed)
        copy[bit >> 3]! ^= 1 << (bit & 7)
        try {
          const opened = await openPrivateKeyBundle(signer, copy)
          // Only a flip outside the authenticated data (e.g. an unknown-field tag) may still open, unchanged.
          expect(encodePrivateKeyBundle(opened.bundle)).toEqual(encodePrivateKeyBundle(bundle))
        } catch (error) {
          expect(error).toBeInstanceOf(KeystoreError)
        }
      }),
      { numRuns: 500 },
    )
  }, 60_000)
})
