import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { DecodeError } from '../errors/errors.js'
import { defineCodec } from './defineCodec.js'
import type { ContentTypeId } from './contentTypeId.js'
import { getParameter } from './parameters.js'

/** `xmtp.org/remoteStaticAttachment:1.0` (XIP-17). */
export const ContentTypeRemoteAttachment: ContentTypeId = Object.freeze({
  authorityId: 'xmtp.org',
  typeId: 'remoteStaticAttachment',
  versionMajor: 1,
  versionMinor: 0,
})

/**
 * Where to download an encrypted attachment and how to decrypt it: the message carries the keys, the URL
 * serves only ciphertext. Build one from {@link encryptAttachment}'s result and the URL you uploaded to;
 * read one with {@link fetchRemoteAttachment}.
 */
export interface RemoteAttachment {
  /** Where the encrypted payload is served; must be `https`. */
  url: string
  /** Lowercase hex SHA-256 of the encrypted payload. */
  contentDigest: string
  /** 32-byte HKDF salt. */
  salt: Uint8Array
  /** 12-byte AES-GCM nonce. */
  nonce: Uint8Array
  /** 32-byte secret the key is derived from. */
  secret: Uint8Array
  /** URL scheme, `'https://'`. */
  scheme: string
  /**
   * Size in bytes announced by the sender: XIP-17 does not say whether of the file or of the payload, and
   * the SDK never checks it. Absent in early messages.
   */
  contentLength?: number | undefined
  /** Absent in early messages (before XIP-17's amendment). */
  filename?: string | undefined
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const DIGEST = /^[0-9a-fA-F]{64}$/
const LENGTHS = { salt: 32, nonce: 12, secret: 32 } as const

function readKey(parameters: Record<string, string>, name: keyof typeof LENGTHS): Uint8Array {
  const hex = getParameter(parameters, name)
  let bytes: Uint8Array | undefined
  try {
    bytes = hex === undefined ? undefined : hexToBytes(hex)
  } catch {
    // reported below
  }
  if (bytes?.length !== LENGTHS[name]) {
    throw new DecodeError('remote attachment content', { details: `The "${name}" parameter must be ${LENGTHS[name]} bytes of hex.` })
  }
  return bytes
}

/**
 * Remote attachments (§10): the URL as UTF-8 content; parameters `contentDigest`, `salt`, `nonce`,
 * `secret` (hex), `scheme`, `contentLength` (decimal), `filename`, in the SDK's order. Fallback as for
 * attachments.
 */
export const remoteAttachmentCodec = defineCodec<RemoteAttachment>({
  contentType: ContentTypeRemoteAttachment,
  encode(remote: RemoteAttachment) {
    if (typeof remote?.url !== 'string' || !remote.url.startsWith('https://')) throw new TypeError('remote.url must be an https URL.')
    if (typeof remote.contentDigest !== 'string' || !DIGEST.test(remote.contentDigest)) {
      throw new TypeError('remote.contentDigest must be a hex SHA-256 digest.')
    }
    for (const name of ['salt', 'nonce', 'secret'] as const) {
      if (!(remote[name] instanceof Uint8Array) || remote[name].length !== LENGTHS[name]) {
        throw new TypeError(`remote.${name} must be a ${LENGTHS[name]}-byte Uint8Array.`)
      }
    }
    if (typeof remote.scheme !== 'string') throw new TypeError('remote.scheme must be a string.')
    const { contentLength, filename } = remote
    if (contentLength !== undefined && !(Number.isSafeInteger(contentLength) && contentLength >= 0)) {
      throw new TypeError('remote.contentLength must be a non-negative integer.')
    }
    if (filename !== undefined && typeof filename !== 'string') throw new TypeError('remote.filename must be a string.')
    const parameters: Record<string, string> = {
      contentDigest: remote.contentDigest,
      salt: bytesToHex(remote.salt),
      nonce: bytesToHex(remote.nonce),
      secret: bytesToHex(remote.secret),
      scheme: remote.scheme,
    }
    if (contentLength !== undefined) parameters.contentLength = String(contentLength)
    if (filename !== undefined) parameters.filename = filename
    return { type: ContentTypeRemoteAttachment, parameters, content: encoder.encode(remote.url) }
  },
  decode(encoded) {
    const { parameters } = encoded
    const contentDigest = getParameter(parameters, 'contentDigest')
    if (contentDigest === undefined || !DIGEST.test(contentDigest)) {
      throw new DecodeError('remote attachment content', { details: 'The "contentDigest" parameter must be a hex SHA-256 digest.' })
    }
    const scheme = getParameter(parameters, 'scheme')
    if (scheme === undefined) throw new DecodeError('remote attachment content', { details: 'The "scheme" parameter is missing.' })
    const length = getParameter(parameters, 'contentLength')
    if (length !== undefined && !/^\d{1,15}$/.test(length)) {
      throw new DecodeError('remote attachment content', { details: 'The "contentLength" parameter must be a decimal integer.' })
    }
    const remote: RemoteAttachment = {
      url: decoder.decode(encoded.content),
      contentDigest,
      salt: readKey(parameters, 'salt'),
      nonce: readKey(parameters, 'nonce'),
      secret: readKey(parameters, 'secret'),
      scheme,
    }
    if (length !== undefined) remote.contentLength = Number(length)
    const filename = getParameter(parameters, 'filename')
    if (filename !== undefined) remote.filename = filename
    return remote
  },
  fallback: (remote) => `Can\u2019t display "${remote.filename ?? ''}". This app doesn\u2019t support attachments.`,
  shouldPush: () => true,
})
