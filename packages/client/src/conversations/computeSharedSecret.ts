import { concatBytes } from '@noble/hashes/utils.js'
import { getSharedSecret } from '../crypto/secp256k1.js'

export interface SharedSecretParameters {
  myIdentityKey: Uint8Array
  myPreKey: Uint8Array
  peerIdentityKey: Uint8Array
  peerPreKey: Uint8Array
  /** Which role this side plays in the triple Diffie-Hellman (§8.2). */
  isRecipient: boolean
}

/**
 * XMTP's 3-DH secret (§8.2): three 65-byte ECDH points, 195 bytes. With S the side in sender role and R
 * the recipient: `ECDH(S.id, R.pre) ‖ ECDH(S.pre, R.id) ‖ ECDH(S.pre, R.pre)`.
 */
export function computeSharedSecret({ myIdentityKey, myPreKey, peerIdentityKey, peerPreKey, isRecipient }: SharedSecretParameters): Uint8Array {
  const dh1 = isRecipient ? getSharedSecret(myPreKey, peerIdentityKey) : getSharedSecret(myIdentityKey, peerPreKey)
  const dh2 = isRecipient ? getSharedSecret(myIdentityKey, peerPreKey) : getSharedSecret(myPreKey, peerIdentityKey)
  const dh3 = getSharedSecret(myPreKey, peerPreKey)
  return concatBytes(dh1, dh2, dh3)
}
