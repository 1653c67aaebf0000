import { AbortError, PayloadTooLargeError, TransportError } from '../errors/errors.js'
import type { Attachment } from './attachmentCodec.js'
import type { CodecLookup } from './ContentCodec.js'
import { readStream } from './compression.js'
import { decryptAttachment } from './decryptAttachment.js'
import type { RemoteAttachment } from './remoteAttachmentCodec.js'

/** Parameters of {@link fetchRemoteAttachment}. */
export interface FetchRemoteAttachmentParameters {
  /** `fetch` to download with. Default: the global `fetch`. */
  fetch?: ((url: string, init: { signal?: AbortSignal | undefined }) => Promise<Response>) | undefined
  /** Refuse payloads (and announced `contentLength`s) larger than this. Default 25 MiB. */
  maxBytes?: number | undefined
  /** Registry to decode the decrypted content with. Default: one holding only the attachment codec. */
  registry?: CodecLookup | undefined
  /** Refuse compressed content that inflates past this many bytes. Default 10 MiB. */
  maxDecompressedBytes?: number | undefined
  /**
   * Also accept `http://` URLs. Only for tests against a loopback server: the protocol requires https,
   * and plain http lets anyone on the path see which files a user opens. Default `false`.
   */
  allowInsecure?: boolean | undefined
  signal?: AbortSignal | undefined
}

/** Default {@link FetchRemoteAttachmentParameters.maxBytes}: 25 MiB. */
const MAX_BYTES = 25 * 1024 * 1024

/**
 * Downloads a remote attachment's encrypted payload, checks its size and digest, decrypts it and decodes
 * the attachment (XIP-17). The URL must be https.
 *
 * `contentLength` is only what the sender announced (file or payload size: XIP-17 leaves it open), so it
 * is compared with `maxBytes` before downloading but not required to match; the download itself stops at
 * `maxBytes`.
 *
 * @throws {TypeError} if the URL is not https (nor http with `allowInsecure`).
 * @throws {PayloadTooLargeError} if the announced length, the `Content-Length` header or the download exceeds `maxBytes`.
 * @throws {TransportError} if the server cannot be reached or answers with an error status.
 * @throws {AbortError} if `signal` aborts.
 * @throws {ContentDigestError} if the payload does not match `contentDigest`.
 * @throws {DecryptionError} for a wrong key.
 * @throws {DecodeError} or {ContentTypeError} if the plaintext is not an attachment.
 * @example
 * const decoded = await decodeContent(payload, registry)
 * if (isSameContentType(decoded.contentType, ContentTypeRemoteAttachment) && !decoded.error) {
 *   const attachment = await fetchRemoteAttachment(decoded.content as RemoteAttachment)
 * }
 */
export async function fetchRemoteAttachment(
  remote: RemoteAttachment,
  parameters: FetchRemoteAttachmentParameters = {},
): Promise<Attachment> {
  const { maxBytes = MAX_BYTES, registry, maxDecompressedBytes, allowInsecure = false, signal } = parameters
  // Called through a wrapper: some browsers reject `fetch` invoked with another `this`.
  const fetchFn = parameters.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init))
  const url = remote?.url
  if (typeof url !== 'string' || !(url.startsWith('https://') || (allowInsecure && url.startsWith('http://')))) {
    throw new TypeError('remote.url must be an https URL.')
  }
  if (!(maxBytes >= 0)) throw new TypeError('parameters.maxBytes must be a non-negative number.')
  if (remote.contentLength !== undefined && remote.contentLength > maxBytes) {
    throw new PayloadTooLargeError('Remote attachment', remote.contentLength, maxBytes)
  }
  if (signal?.aborted) throw new AbortError()

  let response: Response
  try {
    response = await fetchFn(url, { signal })
  } catch (cause) {
    if (signal?.aborted) throw new AbortError()
    // The URL stays out of the message: it is part of the (encrypted) message content.
    throw new TransportError('Could not download the remote attachment.', { cause })
  }
  if (!response.ok) {
    response.body?.cancel().catch(() => {})
    throw new TransportError('Could not download the remote attachment.', { status: response.status, details: `HTTP ${response.status}.` })
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    response.body?.cancel().catch(() => {})
    throw new PayloadTooLargeError('Remote attachment', declared, maxBytes)
  }
  let payload: Uint8Array
  try {
    payload = response.body ? await readStream(response.body, maxBytes, 'Remote attachment') : new Uint8Array(0)
  } catch (cause) {
    if (cause instanceof PayloadTooLargeError) throw cause
    if (signal?.aborted) throw new AbortError()
    throw new TransportError('Could not download the remote attachment.', { cause })
  }
  return decryptAttachment({ ...remote, payload }, registry, { maxDecompressedBytes })
}
