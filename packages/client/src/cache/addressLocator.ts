import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { getAddress } from '../crypto/address.js'
import { createAesGcmKey } from '../crypto/createAesGcmKey.js'
import { concatBytes } from '../utils/bytes.js'
import { cachePrefix } from './clientCache.js'
import type { Persistence } from './Persistence.js'

/**
 * The address locator: which wallet an identity key belongs to, so that a client created from exported keys
 * can open its cache without recovering the address from the identity key's wallet signature (elliptic-curve
 * work that is slow in a fresh process). It is only a hint: the address is trusted only when that wallet's cache
 * records these exact keys as verified (a tag under a key derived from the identity key and the address), which
 * only a client that recovered the address could have written. The entry is sealed with a key derived from the
 * identity key, under a name derived from it: it tells nothing to whoever reads the storage.
 */
const LOCATORS = 'xmtp-kit/locators/'
const SALT = utf8ToBytes('xmtp-kit/locator')
const FORMAT = 1

function locator(identityKey: Uint8Array) {
  const nameKey = hkdf(sha256, identityKey, SALT, utf8ToBytes('name'), 32)
  return {
    key: LOCATORS + bytesToHex(hmac(sha256, nameKey, utf8ToBytes('locator'))).slice(0, 32),
    aead: createAesGcmKey(hkdf(sha256, identityKey, SALT, utf8ToBytes('seal'), 32)),
  }
}

/** Where a wallet's cache keeps the name of its locator, so that `clearCache` can delete both. */
export const locatorReference = (address: string) => `${cachePrefix(address)}locator`

/** The address the locator records for this identity key, if any and readable. Never rejects. */
export async function readAddressLocator(persistence: Persistence, identityKey: Uint8Array): Promise<string | undefined> {
  try {
    const { key, aead } = locator(identityKey)
    const sealed = await persistence.get(key)
    if (sealed === undefined || sealed[0] !== FORMAT) return undefined
    const plaintext = await aead.open(sealed.subarray(1), utf8ToBytes(key))
    return getAddress(new TextDecoder().decode(plaintext))
  } catch {
    return undefined
  }
}

/** Records `address` for this identity key (after the address was recovered and the keys verified). */
export async function writeAddressLocator(persistence: Persistence, identityKey: Uint8Array, address: string): Promise<void> {
  const { key, aead } = locator(identityKey)
  const sealed = await aead.seal(utf8ToBytes(address), utf8ToBytes(key))
  await persistence.set(key, concatBytes(new Uint8Array([FORMAT]), sealed))
  await persistence.set(locatorReference(address), utf8ToBytes(key))
}

/** Deletes the locator a wallet's cache refers to (the reference itself goes with the rest of the cache). */
export async function deleteAddressLocator(persistence: Persistence, address: string): Promise<void> {
  const reference = await persistence.get(locatorReference(address))
  if (reference === undefined) return
  const key = new TextDecoder().decode(reference)
  if (key.startsWith(LOCATORS)) await persistence.delete(key)
}
