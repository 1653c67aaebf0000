import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { SignatureError } from '../errors/errors.js'
import { getSecp256k1Backend } from './backend.js'

/** A 64-byte `R‖S` ECDSA signature with its recovery id (0 or 1), as XMTP protos carry it. */
export interface CompactSignature {
  bytes: Uint8Array
  recovery: number
}

/** 32 random bytes that are a valid secp256k1 private key. */
export const generatePrivateKey = (): Uint8Array => secp256k1.utils.randomSecretKey()

/** The 65-byte uncompressed public key (`0x04‖X‖Y`). */
export const getPublicKey = (privateKey: Uint8Array): Uint8Array => secp256k1.getPublicKey(privateKey, false)

/** ECDH as XMTP uses it: the full 65-byte uncompressed shared point, not just X. */
export const getSharedSecret = (privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array =>
  getSecp256k1Backend().getSharedSecret(privateKey, publicKey)

/** RFC 6979 deterministic, low-S signature over a 32-byte digest. */
export function signDigest(digest: Uint8Array, privateKey: Uint8Array): CompactSignature {
  const recovered = secp256k1.sign(digest, privateKey, { prehash: false, lowS: true, format: 'recovered' })
  return { bytes: recovered.subarray(1), recovery: recovered[0]! }
}

/** Strict verification (high-S rejected) of a signature over a 32-byte digest. Never throws. */
export function verifyDigest(signature: CompactSignature, digest: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.bytes.length !== 64) return false
  try {
    return getSecp256k1Backend().verify(signature.bytes, digest, publicKey)
  } catch {
    return false
  }
}

/**
 * The 65-byte public key that produced `signature` over `digest`.
 *
 * @throws {SignatureError} when the signature is malformed or recovers to no point.
 */
export function recoverPublicKey(signature: CompactSignature, digest: Uint8Array): Uint8Array {
  const { bytes, recovery } = signature
  if (bytes.length !== 64 || (recovery !== 0 && recovery !== 1)) {
    throw new SignatureError('Signature is malformed.', { details: 'Expected 64 bytes and a recovery id of 0 or 1.' })
  }
  try {
    return getSecp256k1Backend().recoverPublicKey(bytes, recovery, digest)
  } catch (cause) {
    throw new SignatureError('Signature does not recover to a public key.', { cause })
  }
}

/** True for a 65-byte uncompressed point that lies on the curve. */
export function isValidPublicKey(publicKey: Uint8Array): boolean {
  return publicKey.length === 65 && publicKey[0] === 4 && secp256k1.utils.isValidPublicKey(publicKey, false)
}

/** The 20 address bytes of an uncompressed public key: `keccak256(X‖Y)[12..32]`. */
export const publicKeyToAddressBytes = (publicKey: Uint8Array): Uint8Array => keccak_256(publicKey.subarray(1)).subarray(12)
