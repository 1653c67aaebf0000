import { bytesToHex } from '@noble/hashes/utils.js'
import { publicKey } from '../proto.js'
import { verifySignedPublicKeyBundle, type SignedPublicKeyBundle } from './keyBundle.js'

/**
 * A bundle verifier that remembers each bundle it verified, keyed by its exact bytes, so a sender's wallet
 * signature and pre-key signature are checked once rather than on every message. Failures are not cached.
 */
export function createBundleVerifier({ maxEntries = 5_000 }: { maxEntries?: number } = {}) {
  const verified = new Map<string, string>()
  return (bundle: SignedPublicKeyBundle): string => {
    const key = bytesToHex(publicKey.SignedPublicKeyBundle.encode(bundle).finish())
    const hit = verified.get(key)
    if (hit !== undefined) return hit
    const address = verifySignedPublicKeyBundle(bundle)
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!)
    verified.set(key, address)
    return address
  }
}
