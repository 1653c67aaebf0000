import { getAddress } from '../crypto/address.js'
import {
  toSignedPublicKeyBundle,
  verifyPublicKeyBundle,
  verifySignedPublicKeyBundle,
  type PublicKeyBundle,
  type SignedPublicKeyBundle,
} from '../identity/keyBundle.js'
import { contact, publicKey } from '../proto.js'
import { plainBytes } from '../content/plainBytes.js'

/** A wallet's verified public keys, as found on its contact topic. */
export interface Contact {
  /** EIP-55 address the bundle's wallet signature recovers to. */
  address: string
  /** The bundle in v2 form (converted from v1 when only a legacy bundle was published). */
  bundle: SignedPublicKeyBundle
  /** The legacy bundle, when the contact was published as v1 (needed for v1 conversations). */
  legacyBundle: PublicKeyBundle | undefined
}

/** `ContactBundle{v1}` then `ContactBundle{v2}`: the two payloads the SDK publishes, in its order (§7). */
export function encodeContactBundles(legacy: PublicKeyBundle, signed: SignedPublicKeyBundle): [Uint8Array, Uint8Array] {
  return [
    plainBytes(contact.ContactBundle.encode({ v1: { keyBundle: legacy }, v2: undefined }).finish()),
    plainBytes(contact.ContactBundle.encode({ v1: undefined, v2: { keyBundle: signed } }).finish()),
  ]
}

function decodeCandidates(bytes: Uint8Array): Array<{ legacy?: PublicKeyBundle; signed?: SignedPublicKeyBundle }> {
  try {
    const bundle = contact.ContactBundle.decode(bytes)
    if (bundle.v1?.keyBundle) return [{ legacy: bundle.v1.keyBundle }]
    if (bundle.v2?.keyBundle) return [{ signed: bundle.v2.keyBundle }]
  } catch {
    // very old contacts are a bare PublicKeyBundle
  }
  try {
    return [{ legacy: publicKey.PublicKeyBundle.decode(bytes) }]
  } catch {
    return []
  }
}

/**
 * Decodes a contact envelope (`ContactBundle` v1 or v2, or a bare legacy `PublicKeyBundle`) and verifies
 * every signature. Returns `undefined` for anything malformed, unsigned or forged: never throws.
 */
export function decodeContact(bytes: Uint8Array): Contact | undefined {
  for (const candidate of decodeCandidates(bytes)) {
    try {
      if (candidate.legacy) {
        const address = verifyPublicKeyBundle(candidate.legacy)
        return { address, bundle: toSignedPublicKeyBundle(candidate.legacy), legacyBundle: candidate.legacy }
      }
      if (candidate.signed) {
        return { address: verifySignedPublicKeyBundle(candidate.signed), bundle: candidate.signed, legacyBundle: undefined }
      }
    } catch {
      // not a valid bundle
    }
  }
  return undefined
}

/** The first contact among `envelopes` (newest first) that verifies and belongs to `address`. */
export function findContact(messages: Iterable<Uint8Array>, address: string): Contact | undefined {
  const wanted = getAddress(address)
  for (const bytes of messages) {
    const found = decodeContact(bytes)
    if (found && found.address === wanted) return found
  }
  return undefined
}
