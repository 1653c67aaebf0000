import { DecodeError, KeystoreError } from '../errors/errors.js'
import type { PrivateKeyBundleV1 } from '../identity/keyBundle.js'
import { privateKey } from '../proto.js'
import { plainBytes } from '../content/plainBytes.js'

/** `encode(PrivateKeyBundle{v1})`: the format of the official SDK's `Client.getKeys`. */
export function encodePrivateKeyBundle(bundle: PrivateKeyBundleV1): Uint8Array {
  return plainBytes(privateKey.PrivateKeyBundle.encode({ v1: bundle, v2: undefined }).finish())
}

/**
 * Reads keys in the `Client.getKeys` format, falling back to a bare `PrivateKeyBundleV1` (older SDKs).
 * Returns whether the fallback was used (the stored copy should then be re-saved in the current format).
 *
 * @throws {KeystoreError} for v2 private bundles (unsupported, as in the SDK) and undecodable bytes.
 */
export function decodePrivateKeyBundle(bytes: Uint8Array): { bundle: PrivateKeyBundleV1; legacyFormat: boolean } {
  const versioned = tryDecode(() => privateKey.PrivateKeyBundle.decode(bytes))
  if (versioned?.v1 && isComplete(versioned.v1)) return { bundle: versioned.v1, legacyFormat: false }
  // A bare PrivateKeyBundleV1 also decodes as a (meaningless) versioned bundle, so try it before judging v2.
  const bare = tryDecode(() => privateKey.PrivateKeyBundleV1.decode(bytes))
  if (bare && isComplete(bare)) return { bundle: bare, legacyFormat: true }
  if (versioned?.v2) throw new KeystoreError('V2 private key bundles are not supported.')
  throw new KeystoreError('The private key bundle cannot be decoded.', { cause: new DecodeError('private key bundle') })
}

function tryDecode<T>(decode: () => T): T | undefined {
  try {
    return decode()
  } catch {
    return undefined
  }
}

const isComplete = (bundle: PrivateKeyBundleV1) =>
  bundle.identityKey?.secp256k1?.bytes.length === 32 &&
  bundle.identityKey.publicKey !== undefined &&
  bundle.preKeys[0]?.secp256k1?.bytes.length === 32 &&
  bundle.preKeys[0].publicKey !== undefined
