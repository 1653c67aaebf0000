import { secp256k1 } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  decodePrivatePreferencesPayload,
  derivePrivatePreferencesKeys,
  encodePrivatePreferencesPayload,
} from '../../../packages/client/src/consent/privatePreferencesPayload.js'
import { DecodeError, DecryptionError } from '../../../packages/client/src/errors/errors.js'
import { privatePreferences } from '../../../packages/client/src/proto.js'
import { wasm } from './support.js'

const identity = () => {
  const privateKey = secp256k1.utils.randomSecretKey()
  const publicKey = secp256k1.getPublicKey(privateKey, false)
  return { privateKey, publicKey, keys: derivePrivatePreferencesKeys(privateKey, publicKey) }
}
const addresses = fc.array(fc.string(), { maxLength: 5 })
const action = fc.oneof(
  addresses.map((walletAddresses) => ({ allowAddress: { walletAddresses } })),
  addresses.map((walletAddresses) => ({ denyAddress: { walletAddresses } })),
)

describe('encodePrivatePreferencesPayload', () => {
  test('behavior: round-trips any action', () => {
    const { keys } = identity()
    fc.assert(
      fc.property(action, (a) => {
        expect(decodePrivatePreferencesPayload(encodePrivatePreferencesPayload(a, keys), keys)).toEqual(
          privatePreferences.PrivatePreferencesAction.fromPartial(a),
        )
      }),
      { numRuns: 200 },
    )
  })

  test('behavior: the official SDK (libxmtp bindings) decrypts what the kit encrypts, and the reverse', () => {
    const { privateKey, publicKey, keys } = identity()
    const a = { allowAddress: { walletAddresses: ['0x5FbDB2315678afecb367f032d93F642f64180aa3'] } }
    const plain = new Uint8Array(privatePreferences.PrivatePreferencesAction.encode(a).finish())
    expect(new Uint8Array(wasm.user_preferences_decrypt(publicKey, privateKey, encodePrivatePreferencesPayload(a, keys)))).toEqual(plain)
    const fromSdk = wasm.user_preferences_encrypt(publicKey, privateKey, plain)
    expect(decodePrivatePreferencesPayload(fromSdk, keys)).toEqual(privatePreferences.PrivatePreferencesAction.fromPartial(a))
  })

  test('behavior: any flipped bit is refused with a typed error or reads back the very same action (tamper)', () => {
    const { keys } = identity()
    const action = { denyAddress: { walletAddresses: ['0x5FbDB2315678afecb367f032d93F642f64180aa3'] } }
    const bytes = encodePrivatePreferencesPayload(action, keys)
    const original = decodePrivatePreferencesPayload(bytes, keys)
    fc.assert(
      fc.property(fc.nat({ max: bytes.length * 8 - 1 }), (bit) => {
        const tampered = Uint8Array.from(bytes)
        tampered[bit >> 3]! ^= 1 << (bit & 7)
        try {
          // A flip in protobuf framing may still parse; the authenticated content can never change.
          expect(decodePrivatePreferencesPayload(tampered, keys)).toEqual(original)
        } catch (error) {
          expect(error instanceof DecodeError || error instanceof DecryptionError).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: another identity cannot read it; the identity public key is the additional data', () => {
    const a = identity()
    const b = identity()
    const bytes = encodePrivatePreferencesPayload({ allowAddress: { walletAddresses: ['x'] } }, a.keys)
    expect(() => decodePrivatePreferencesPayload(bytes, b.keys)).toThrow(DecryptionError)
    expect(() => decodePrivatePreferencesPayload(bytes, { secret: a.keys.secret, publicKey: b.publicKey })).toThrow(DecryptionError)
  })

  test('behavior: bytes that are not a payload are a DecodeError', () => {
    const { keys } = identity()
    expect(() => decodePrivatePreferencesPayload(new Uint8Array([0xff, 0xff]), keys)).toThrow(DecodeError)
    expect(() => decodePrivatePreferencesPayload(new Uint8Array(0), keys)).toThrow(DecodeError)
  })

  test('parameters: key lengths are checked', () => {
    const { privateKey, publicKey } = identity()
    expect(() => derivePrivatePreferencesKeys(privateKey.subarray(1), publicKey)).toThrow(TypeError)
    expect(() => derivePrivatePreferencesKeys(privateKey, publicKey.subarray(1))).toThrow(TypeError)
  })
})
