import { PayloadTooLargeError } from '../errors/errors.js'
import { concatBytes } from '../utils/bytes.js'

/** The `EncodedContent.compression` algorithms (§10): `deflate` is a zlib (RFC 1950) stream, `gzip` RFC 1952. */
export type ContentCompression = 'deflate' | 'gzip'

/** `content.Compression` code of each algorithm. */
export const compressionCodes: Readonly<Record<ContentCompression, number>> = Object.freeze({ deflate: 0, gzip: 1 })

/**
 * Reads `stream` to the end, refusing more than `maxBytes`.
 *
 * @throws {PayloadTooLargeError} past `maxBytes` (the stream is cancelled first).
 */
export async function readStream(stream: ReadableStream<Uint8Array>, maxBytes: number, what: string): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return concatBytes(...chunks)
    total += value.length
    if (total > maxBytes) {
      // Stop inflating or downloading at once: the rest is never read.
      reader.cancel().catch(() => {})
      throw new PayloadTooLargeError(what, total, maxBytes)
    }
    chunks.push(value)
  }
}

/**
 * Feeds `data` through a compression or decompression stream and collects at most `maxBytes` of output.
 *
 * @throws {PayloadTooLargeError} past `maxBytes`.
 * @throws {TypeError} (from the stream) for corrupt input.
 */
async function transform(data: Uint8Array, pair: CompressionStream | DecompressionStream, maxBytes: number, what: string) {
  const writer = pair.writable.getWriter()
  // A copy: the stream may transfer or keep its input, and it must be backed by a plain ArrayBuffer.
  // Write/close failures also error the readable side, where they surface; here they are only silenced.
  writer
    .write(new Uint8Array(data))
    .then(() => writer.close())
    .catch(() => {})
  return readStream(pair.readable, maxBytes, what)
}

/** `data` compressed with `algorithm`, as `CompressionStream` produces it (what the SDK uses). */
export function compress(data: Uint8Array, algorithm: ContentCompression): Promise<Uint8Array> {
  return transform(data, new CompressionStream(algorithm), Number.POSITIVE_INFINITY, 'Compressed content')
}

/**
 * `data` inflated with `algorithm`.
 *
 * @throws {PayloadTooLargeError} when the output would exceed `maxBytes` (zip bombs stop there).
 * @throws {TypeError} (from the stream) for corrupt input.
 */
export function decompress(data: Uint8Array, algorithm: ContentCompression, maxBytes: number): Promise<Uint8Array> {
  return transform(data, new DecompressionStream(algorithm), maxBytes, 'Decompressed content')
}
