import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { InvalidAddressError } from '../errors/errors.js'
import { publicKeyToAddressBytes } from './secp256k1.js'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** True for `0x` followed by 40 hex characters (any case). */
export const isAddress = (value: unknown): value is string => typeof value === 'string' && ADDRESS.test(value)

function checksum(lowerHex: string): string {
  const hash = bytesToHex(keccak_256(utf8ToBytes(lowerHex)))
  let out = '0x'
  for (let i = 0; i < 40; i++) out += parseInt(hash[i]!, 16) >= 8 ? lowerHex[i]!.toUpperCase() : lowerHex[i]
  return out
}

/**
 * The EIP-55 checksummed form of an address, as XMTP uses it in topics, signatures and sorting.
 *
 * @throws {InvalidAddressError} for anything but `0x` and 40 hex characters.
 */
export function getAddress(address: string): string {
  if (!isAddress(address)) throw new InvalidAddressError(String(address))
  return checksum(address.slice(2).toLowerCase())
}

/** EIP-55 address of a 65-byte uncompressed public key. */
export const publicKeyToAddress = (publicKey: Uint8Array): string => checksum(bytesToHex(publicKeyToAddressBytes(publicKey)))
