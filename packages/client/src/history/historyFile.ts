import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { createAesGcmKey } from '../crypto/createAesGcmKey.js'
import { DecryptionError } from '../errors/errors.js'
import { concatBytes, equalBytes } from '../utils/bytes.js'
import type { StoredConversation } from '../cache/cacheRecords.js'
import { HistoryImportError } from './HistoryImportError.js'

/** History file format version (the JSON document's `version`, and the byte after the magic when encrypted). */
export const HISTORY_VERSION = 1
export const HISTORY_FORMAT = 'xmtp-kit-history'

/** A message in a history file: `encodedContent` is the base64 `EncodedContent` protobuf. */
export interface HistoryMessage {
  id: string
  senderAddress: string
  sentNs: string
  envelopeNs: string
  encodedContent: string
}

/** The JSON document of a history file (format version 1). */
export interface HistoryDocument {
  format: typeof HISTORY_FORMAT
  version: number
  /** The wallet it belongs to. */
  address: string
  exportedAtMs: number
  conversations: (StoredConversation & {
    /** Ids (hex, 16 bytes) of the invite/intro envelopes that gave this conversation: relisting skips them. */
    envelopes: string[]
    messages: HistoryMessage[]
  })[]
}

// Encrypted file: magic ‖ version (1 byte) ‖ wallet address (20 bytes) ‖ HKDF salt (32 bytes) ‖ nonce ‖ ciphertext ‖ tag.
// The whole header is the additional data, so no part of it can be changed either.
const MAGIC = utf8ToBytes('XMTPKITH')
const HEADER_BYTES = MAGIC.length + 1 + 20 + 32
const info = (address: string) => utf8ToBytes(`xmtp-kit/history|${address}`)

const exportKey = (identityPrivateKey: Uint8Array, salt: Uint8Array, address: string) =>
  createAesGcmKey(hkdf(sha256, identityPrivateKey, salt, info(address), 32))

export const isEncryptedHistory = (data: Uint8Array): boolean => data.length >= MAGIC.length && equalBytes(data.subarray(0, MAGIC.length), MAGIC)

/** Seals a history document's JSON bytes with a key derived from the identity key and a random salt. */
export async function sealHistory(json: Uint8Array, identityPrivateKey: Uint8Array, address: string): Promise<Uint8Array> {
  const salt = randomBytes(32)
  const header = concatBytes(MAGIC, new Uint8Array([HISTORY_VERSION]), hexToBytes(address.slice(2)), salt)
  return concatBytes(header, await exportKey(identityPrivateKey, salt, address).seal(json, header))
}

/**
 * Opens an encrypted history file of `address`.
 *
 * @throws {HistoryImportError}
 */
export async function openHistory(data: Uint8Array, identityPrivateKey: Uint8Array, address: string): Promise<Uint8Array> {
  if (data.length < HEADER_BYTES + 28) throw new HistoryImportError('malformed', 'The history file is truncated.')
  const version = data[MAGIC.length]!
  if (version > HISTORY_VERSION) {
    throw new HistoryImportError('unsupported-version', 'The history file was written by a newer version of the kit.', {
      details: `Format ${version}; this version reads up to ${HISTORY_VERSION}.`,
    })
  }
  if (version !== HISTORY_VERSION) throw new HistoryImportError('malformed', 'Unknown history file format.')
  const owner = data.subarray(MAGIC.length + 1, MAGIC.length + 21)
  if (!equalBytes(owner, hexToBytes(address.slice(2)))) {
    throw new HistoryImportError('wrong-wallet', 'This history belongs to another wallet.')
  }
  const header = data.subarray(0, HEADER_BYTES)
  const salt = data.subarray(MAGIC.length + 21, HEADER_BYTES)
  try {
    return await exportKey(identityPrivateKey, salt, address).open(data.subarray(HEADER_BYTES), header)
  } catch (cause) {
    if (!(cause instanceof DecryptionError)) throw cause
    throw new HistoryImportError('tampered', 'The history file does not decrypt: it was altered or is not this identity\'s.', { cause })
  }
}
