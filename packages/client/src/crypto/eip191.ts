import { keccak_256 } from '@noble/hashes/sha3.js'
import { concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { SignatureError } from '../errors/errors.js'
import { publicKeyToAddress } from './address.js'
import { recoverPublicKey, type CompactSignature } from './secp256k1.js'

/** EIP-191 `personal_sign` digest of a UTF-8 text. */
export function hashMessage(text: string): Uint8Array {
  const message = utf8ToBytes(text)
  return keccak_256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${message.length}`), message))
}

/**
 * Splits a wallet's 65-byte `r‖s‖v` signature (hex) into XMTP's compact form: `v` 27/28 (or 0/1) becomes
 * recovery 0/1.
 *
 * @throws {SignatureError} when it is not 65 bytes of hex.
 */
export function splitWalletSignature(signature: string): CompactSignature {
  const hex = signature.startsWith('0x') ? signature.slice(2) : signature
  if (!/^[0-9a-fA-F]{130}$/.test(hex)) throw new SignatureError('Wallet signature must be 65 bytes of hex.')
  const bytes = hexToBytes(hex)
  const v = bytes[64]!
  return { bytes: bytes.subarray(0, 64), recovery: v >= 27 ? v - 27 : v }
}

/** The wallet address that signed `text` (EIP-191) with `signature`. */
export function recoverMessageAddress(text: string, signature: CompactSignature): string {
  return publicKeyToAddress(recoverPublicKey(signature, hashMessage(text)))
}
