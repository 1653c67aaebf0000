import { sha256 } from '@noble/hashes/sha2.js'
import { equalBytes } from '@noble/curves/utils.js'
import { getAddress } from '../crypto/address.js'
import { recoverMessageAddress, splitWalletSignature } from '../crypto/eip191.js'
import {
  generatePrivateKey,
  getPublicKey,
  isValidPublicKey,
  signDigest,
  verifyDigest,
  type CompactSignature,
} from '../crypto/secp256k1.js'
import { DecodeError, SignatureError, SignerError } from '../errors/errors.js'
import { privateKey, publicKey } from '../proto.js'
import type { Signer } from '../signer/types.js'
import { toLong } from '../utils/long.js'
import { createIdentityText } from './signatureTexts.js'

export type PublicKey = publicKey.PublicKey
export type PublicKeyBundle = publicKey.PublicKeyBundle
export type SignedPublicKey = publicKey.SignedPublicKey
export type SignedPublicKeyBundle = publicKey.SignedPublicKeyBundle
export type PrivateKeyBundleV1 = privateKey.PrivateKeyBundleV1

/** `created_ns` below this is a legacy key's millisecond timestamp, not nanoseconds (§5.4). */
const MS_NS_TIMESTAMP_THRESHOLD = 10n ** 18n

/** The bytes a key's signature covers: `PublicKey{timestamp, secp256k1_uncompressed}` without the signature. */
export function publicKeyBytesToSign(key: PublicKey): Uint8Array {
  return publicKey.PublicKey.encode({ timestamp: key.timestamp, secp256k1Uncompressed: key.secp256k1Uncompressed, signature: undefined }).finish()
}

function keyPoint(key: PublicKey | undefined, what: string): Uint8Array {
  const bytes = key?.secp256k1Uncompressed?.bytes
  if (!bytes || !isValidPublicKey(bytes)) throw new SignatureError(`The ${what} is not a valid secp256k1 public key.`)
  return bytes
}

const compact = (sig: { bytes: Uint8Array; recovery: number } | undefined): CompactSignature | undefined =>
  sig ? { bytes: sig.bytes, recovery: sig.recovery } : undefined

export interface CreatePrivateKeyBundleOptions {
  /** Creation time of both keys, in ms. Default now. */
  now?: number
  /** Fixed private keys, for known-answer tests. Default: random. */
  identityPrivateKey?: Uint8Array
  preKeyPrivateKey?: Uint8Array
}

/**
 * Creates a new identity exactly as the official SDK does (§5.1): a random identity key that the wallet
 * signs ("XMTP : Create Identity"), and a pre-key signed by the identity key. Asks the wallet for one
 * signature.
 *
 * @throws {SignerError} when the wallet fails to sign or signs as another address.
 */
export async function createPrivateKeyBundle(
  signer: Signer,
  {
    now = Date.now(),
    identityPrivateKey: identityPrivate = generatePrivateKey(),
    preKeyPrivateKey: prePrivate = generatePrivateKey(),
  }: CreatePrivateKeyBundleOptions = {},
): Promise<PrivateKeyBundleV1> {
  const address = getAddress(await signer.getAddress())
  const identityUnsigned: PublicKey = {
    timestamp: toLong(BigInt(now)),
    secp256k1Uncompressed: { bytes: getPublicKey(identityPrivate) },
    signature: undefined,
  }
  const text = createIdentityText(publicKeyBytesToSign(identityUnsigned))
  let walletSignature: CompactSignature
  try {
    walletSignature = splitWalletSignature(await signer.signMessage(text))
  } catch (cause) {
    throw new SignerError('The wallet did not sign the identity key.', { cause })
  }
  if (recoverMessageAddress(text, walletSignature) !== address) {
    throw new SignerError('The wallet signed the identity key as another address.')
  }
  const identityPublic: PublicKey = { ...identityUnsigned, signature: { ecdsaCompact: walletSignature, walletEcdsaCompact: undefined } }

  const preUnsigned: PublicKey = {
    timestamp: toLong(BigInt(now)),
    secp256k1Uncompressed: { bytes: getPublicKey(prePrivate) },
    signature: undefined,
  }
  const preSignature = signDigest(sha256(publicKeyBytesToSign(preUnsigned)), identityPrivate)
  const prePublic: PublicKey = { ...preUnsigned, signature: { ecdsaCompact: preSignature, walletEcdsaCompact: undefined } }

  return {
    identityKey: { timestamp: identityPublic.timestamp, secp256k1: { bytes: identityPrivate }, publicKey: identityPublic },
    preKeys: [{ timestamp: prePublic.timestamp, secp256k1: { bytes: prePrivate }, publicKey: prePublic }],
  }
}

/** The public half of a private bundle (`PublicKeyBundle` v1). */
export function getPublicKeyBundle(bundle: PrivateKeyBundleV1): PublicKeyBundle {
  const identityKey = bundle.identityKey?.publicKey
  const preKey = bundle.preKeys[0]?.publicKey
  if (!identityKey || !preKey) throw new DecodeError('private key bundle', { details: 'It has no identity key or no pre-key.' })
  return { identityKey, preKey }
}

/**
 * The v2 form of a legacy bundle (§5.4): each key's `key_bytes` is its bytes-to-sign; the identity key's
 * signature is re-tagged as a wallet signature.
 */
export function toSignedPublicKeyBundle(bundle: PublicKeyBundle): SignedPublicKeyBundle {
  const convert = (key: PublicKey | undefined, signedByWallet: boolean): SignedPublicKey => {
    const sig = key?.signature?.ecdsaCompact ?? key?.signature?.walletEcdsaCompact
    if (!key || !sig) throw new SignatureError('A legacy key in the bundle is not signed.')
    return {
      keyBytes: publicKeyBytesToSign(key),
      signature: signedByWallet
        ? { ecdsaCompact: undefined, walletEcdsaCompact: compact(sig) }
        : { ecdsaCompact: compact(sig), walletEcdsaCompact: undefined },
    }
  }
  return { identityKey: convert(bundle.identityKey, true), preKey: convert(bundle.preKey, false) }
}

/**
 * The legacy form of a v2 bundle derived from one (needed for v1 messaging). Only keys whose `created_ns`
 * holds milliseconds can be converted.
 *
 * @throws {DecodeError} for native v2 keys.
 */
export function toPublicKeyBundle(bundle: SignedPublicKeyBundle): PublicKeyBundle {
  const convert = (key: SignedPublicKey | undefined): PublicKey => {
    if (!key) throw new DecodeError('signed public key bundle', { details: 'A key is missing.' })
    const unsigned = decodeUnsigned(key.keyBytes)
    if (BigInt(unsigned.createdNs.toString()) >= MS_NS_TIMESTAMP_THRESHOLD) {
      throw new DecodeError('signed public key bundle', { details: 'Native v2 keys have no legacy form.' })
    }
    const sig = key.signature?.walletEcdsaCompact ?? key.signature?.ecdsaCompact
    return {
      timestamp: unsigned.createdNs,
      secp256k1Uncompressed: unsigned.secp256k1Uncompressed,
      signature: { ecdsaCompact: compact(sig), walletEcdsaCompact: undefined },
    }
  }
  return { identityKey: convert(bundle.identityKey), preKey: convert(bundle.preKey) }
}

function decodeUnsigned(keyBytes: Uint8Array): publicKey.UnsignedPublicKey {
  try {
    return publicKey.UnsignedPublicKey.decode(keyBytes)
  } catch (cause) {
    throw new DecodeError('public key', { cause })
  }
}

/**
 * The wallet address that signed a legacy identity key. Accepts `ecdsa_compact` (what the SDK writes) and
 * `wallet_ecdsa_compact` (what some SDKs write).
 *
 * @throws {SignatureError} when it is unsigned or the signature recovers to nothing.
 */
export function recoverIdentityKeyAddress(identityKey: PublicKey): string {
  keyPoint(identityKey, 'identity key')
  const sig = compact(identityKey.signature?.ecdsaCompact ?? identityKey.signature?.walletEcdsaCompact)
  if (!sig) throw new SignatureError('The identity key is not signed by a wallet.')
  return recoverMessageAddress(createIdentityText(publicKeyBytesToSign(identityKey)), sig)
}

/**
 * Verifies a legacy bundle: the identity key's wallet signature, and the pre-key's low-S signature by the
 * identity key. Returns the wallet address.
 *
 * @throws {SignatureError} when any check fails.
 */
export function verifyPublicKeyBundle(bundle: PublicKeyBundle): string {
  if (!bundle.identityKey || !bundle.preKey) throw new SignatureError('The key bundle is incomplete.')
  const address = recoverIdentityKeyAddress(bundle.identityKey)
  const identityPoint = keyPoint(bundle.identityKey, 'identity key')
  keyPoint(bundle.preKey, 'pre-key')
  const sig = compact(bundle.preKey.signature?.ecdsaCompact)
  if (!sig || !verifyDigest(sig, sha256(publicKeyBytesToSign(bundle.preKey)), identityPoint)) {
    throw new SignatureError('The pre-key is not signed by the identity key.')
  }
  return address
}

/**
 * Verifies a v2 bundle: the identity key's wallet signature over its `key_bytes`, and the pre-key's
 * low-S signature by the identity key. Returns the wallet address.
 *
 * @throws {SignatureError} when any check fails.
 */
export function verifySignedPublicKeyBundle(bundle: SignedPublicKeyBundle): string {
  const { identityKey, preKey } = bundle
  if (!identityKey || !preKey) throw new SignatureError('The key bundle is incomplete.')
  const walletSig = compact(identityKey.signature?.walletEcdsaCompact)
  if (!walletSig) throw new SignatureError('The identity key is not signed by a wallet.')
  const identity = decodeUnsigned(identityKey.keyBytes)
  const identityPoint = identity.secp256k1Uncompressed?.bytes
  if (!identityPoint || !isValidPublicKey(identityPoint)) throw new SignatureError('The identity key is not a valid secp256k1 public key.')
  const address = recoverMessageAddress(createIdentityText(identityKey.keyBytes), walletSig)
  const pre = decodeUnsigned(preKey.keyBytes)
  const prePoint = pre.secp256k1Uncompressed?.bytes
  if (!prePoint || !isValidPublicKey(prePoint)) throw new SignatureError('The pre-key is not a valid secp256k1 public key.')
  const preSig = compact(preKey.signature?.ecdsaCompact)
  if (!preSig || !verifyDigest(preSig, sha256(preKey.keyBytes), identityPoint)) {
    throw new SignatureError('The pre-key is not signed by the identity key.')
  }
  return address
}

/** The 65-byte identity and pre-key points of a v2 bundle (assumes it was verified). */
export function getSignedBundleKeys(bundle: SignedPublicKeyBundle): { identityKey: Uint8Array; preKey: Uint8Array } {
  const identityKey = decodeUnsigned(bundle.identityKey!.keyBytes).secp256k1Uncompressed!.bytes
  const preKey = decodeUnsigned(bundle.preKey!.keyBytes).secp256k1Uncompressed!.bytes
  return { identityKey, preKey }
}

/** Byte equality of two v2 bundles' encodings. */
export const equalSignedPublicKeyBundles = (a: SignedPublicKeyBundle, b: SignedPublicKeyBundle): boolean =>
  equalBytes(publicKey.SignedPublicKeyBundle.encode(a).finish(), publicKey.SignedPublicKeyBundle.encode(b).finish())

/**
 * Checks that a private bundle is internally consistent (each private key matches its public key) and
 * that its public bundle verifies. Returns the wallet address.
 *
 * @throws {SignatureError | DecodeError}
 */
export function verifyPrivateKeyBundle(bundle: PrivateKeyBundleV1): string {
  const keys = [bundle.identityKey, bundle.preKeys[0]]
  for (const key of keys) {
    const priv = key?.secp256k1?.bytes
    const pub = key?.publicKey?.secp256k1Uncompressed?.bytes
    if (!priv || priv.length !== 32 || !pub) throw new DecodeError('private key bundle', { details: 'A key is missing.' })
    let derived: Uint8Array
    try {
      derived = getPublicKey(priv)
    } catch (cause) {
      throw new DecodeError('private key bundle', { details: 'A private key is out of range.', cause })
    }
    if (!equalBytes(derived, pub)) throw new SignatureError('A private key does not match its public key.')
  }
  return verifyPublicKeyBundle(getPublicKeyBundle(bundle))
}
