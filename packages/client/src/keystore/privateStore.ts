import { hexToBytes, randomBytes } from '@noble/hashes/utils.js'
import { getAddress } from '../crypto/address.js'
import { recoverMessageAddress, splitWalletSignature } from '../crypto/eip191.js'
import { decrypt, encrypt } from '../crypto/encryption.js'
import { DecryptionError, KeystoreError, SignerError } from '../errors/errors.js'
import { verifyPrivateKeyBundle, type PrivateKeyBundleV1 } from '../identity/keyBundle.js'
import { enableIdentityText } from '../identity/signatureTexts.js'
import { privateKey } from '../proto.js'
import type { Signer } from '../signer/types.js'
import type { Transport } from '../transport/types.js'
import { buildPrivateStoreTopic } from '../utils/topics.js'
import { decodePrivateKeyBundle, encodePrivateKeyBundle } from './privateKeyBundleEncoding.js'
import { plainBytes } from '../content/plainBytes.js'

/** The wallet's raw 65-byte signature of the Enable Identity text is the encryption secret (§6). */
async function signEnableIdentity(signer: Signer, walletPreKey: Uint8Array) {
  const text = enableIdentityText(walletPreKey)
  let signature: string
  try {
    signature = await signer.signMessage(text)
  } catch (cause) {
    throw new SignerError('The wallet did not sign the key storage request.', { cause })
  }
  const split = splitWalletSignature(signature) // validates length and hex
  return { secret: hexToBytes(signature.startsWith('0x') ? signature.slice(2) : signature), text, split }
}

/**
 * Encrypts a private key bundle with a secret the wallet signs ("XMTP : Enable Identity", §6) and returns
 * the envelope payload for the wallet's private store topic. Asks the wallet for one signature.
 *
 * @throws {SignerError} when the wallet fails or signs as another address.
 */
export async function sealPrivateKeyBundle(signer: Signer, bundle: PrivateKeyBundleV1): Promise<Uint8Array> {
  const address = getAddress(await signer.getAddress())
  const walletPreKey = randomBytes(32)
  const { secret, text, split } = await signEnableIdentity(signer, walletPreKey)
  if (recoverMessageAddress(text, split) !== address) {
    throw new SignerError('The wallet signed the key storage request as another address.')
  }
  const sealed = encrypt(encodePrivateKeyBundle(bundle), secret)
  return plainBytes(
    privateKey.EncryptedPrivateKeyBundle.encode({ v1: { walletPreKey, ciphertext: { aes256GcmHkdfSha256: sealed } } }).finish(),
  )
}

function decodeEncrypted(bytes: Uint8Array): { v1: privateKey.EncryptedPrivateKeyBundleV1; legacyFormat: boolean } {
  try {
    const versioned = privateKey.EncryptedPrivateKeyBundle.decode(bytes)
    if (versioned.v1?.ciphertext?.aes256GcmHkdfSha256 && versioned.v1.walletPreKey.length > 0) {
      return { v1: versioned.v1, legacyFormat: false }
    }
  } catch {
    // fall through to the bare V1 format
  }
  try {
    const bare = privateKey.EncryptedPrivateKeyBundleV1.decode(bytes)
    if (bare.ciphertext?.aes256GcmHkdfSha256 && bare.walletPreKey.length > 0) return { v1: bare, legacyFormat: true }
  } catch (cause) {
    throw new KeystoreError('The stored key bundle cannot be decoded.', { cause })
  }
  throw new KeystoreError('The stored key bundle cannot be decoded.')
}

/**
 * Decrypts a stored key bundle with the wallet's "Enable Identity" signature. If decryption fails, retries
 * with the signature's `v` byte switched between 0/1 and 27/28 (Ledger signs with 0/1). Asks the wallet for
 * one signature. Returns whether the stored copy used an older format.
 *
 * @throws {KeystoreError} when the bundle cannot be decrypted or does not belong to the wallet.
 */
export async function openPrivateKeyBundle(
  signer: Signer,
  stored: Uint8Array,
): Promise<{ bundle: PrivateKeyBundleV1; legacyFormat: boolean }> {
  const address = getAddress(await signer.getAddress())
  const { v1, legacyFormat } = decodeEncrypted(stored)
  const sealed = v1.ciphertext!.aes256GcmHkdfSha256!
  const { secret } = await signEnableIdentity(signer, v1.walletPreKey)
  const candidates = [secret]
  if (secret.length === 65) {
    const v = secret[64]!
    const flipped = secret.slice()
    flipped[64] = v >= 27 ? v - 27 : v + 27
    candidates.push(flipped)
  }
  let plain: Uint8Array | undefined
  for (const candidate of candidates) {
    try {
      plain = decrypt(sealed, candidate)
      break
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error
    }
  }
  if (!plain) throw new KeystoreError('The stored key bundle could not be decrypted with this wallet.')
  const decoded = decodePrivateKeyBundle(plain)
  let owner: string
  try {
    owner = verifyPrivateKeyBundle(decoded.bundle)
  } catch (cause) {
    throw new KeystoreError('The stored key bundle is invalid.', { cause })
  }
  if (owner !== address) throw new KeystoreError('The stored key bundle belongs to another wallet.')
  return { bundle: decoded.bundle, legacyFormat: legacyFormat || decoded.legacyFormat }
}

/** The newest stored key bundle payload of a wallet, if any (`limit 1`, descending, §6). */
export async function fetchStoredKeyBundle(transport: Transport, address: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  for await (const page of transport.query({ contentTopic: buildPrivateStoreTopic(address), direction: 'descending', pageSize: 1, signal })) {
    const found = page.envelopes.find((e) => e.message.length > 0)
    if (found) return found.message
  }
  return undefined
}

