import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Attachment } from '../../../packages/client/src/content/attachmentCodec.js'
import { ContentDigestError } from '../../../packages/client/src/content/ContentDigestError.js'
import { ContentTypeError } from '../../../packages/client/src/content/ContentTypeError.js'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decryptAttachment } from '../../../packages/client/src/content/decryptAttachment.js'
import { encryptAttachment } from '../../../packages/client/src/content/encryptAttachment.js'
import { fetchRemoteAttachment } from '../../../packages/client/src/content/fetchRemoteAttachment.js'
import type { RemoteAttachment } from '../../../packages/client/src/content/remoteAttachmentCodec.js'
import { encrypt } from '../../../packages/client/src/crypto/encryption.js'
import { AbortError, DecryptionError, PayloadTooLargeError, TransportError } from '../../../packages/client/src/errors/errors.js'
import { content as contentProto } from '../../../packages/client/src/proto.js'
import { createSdkContentClient, sdkRemoteAttachment } from './sdk.js'

const attachment: Attachment = {
  filename: 'photo.jpg',
  mimeType: 'image/jpeg',
  data: Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff),
}

// A loopback file server: path → body. `/stream` sends `size` bytes without Content-Length.
const files = new Map<string, Uint8Array>()
const requests: string[] = []
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push(url.pathname)
    if (url.pathname === '/stream') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
      const chunk = new Uint8Array(64 * 1024)
      let left = Number(url.searchParams.get('size'))
      const pump = () => {
        while (left > 0) {
          left -= chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => {})
      pump()
      return
    }
    const body = files.get(url.pathname)
    if (!body) return void res.writeHead(404).end()
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** Encrypts `attachment`, serves the payload at `path` and returns the remote attachment for it. */
function upload(path: string, payload?: (payload: Uint8Array) => Uint8Array): RemoteAttachment {
  const encrypted = encryptAttachment(attachment)
  files.set(path, payload ? payload(encrypted.payload) : encrypted.payload)
  return { ...encrypted, url: `${base}${path}`, scheme: 'https://', contentLength: attachment.data.length, filename: attachment.filename }
}

const insecure = { allowInsecure: true } as const

describe('fetchRemoteAttachment', () => {
  test('default: encrypt, serve, fetch with the real fetch, same attachment', async () => {
    const remote = upload('/photo')
    expect(await fetchRemoteAttachment(remote, insecure)).toEqual(attachment)
  })

  test('behavior: a tampered payload fails the digest check', async () => {
    const remote = upload('/tampered', (payload) => {
      const copy = payload.slice()
      copy[100]! ^= 1
      return copy
    })
    await expect(fetchRemoteAttachment(remote, insecure)).rejects.toThrow(ContentDigestError)
    // A payload swapped for another validly encrypted one as well.
    const other = upload('/other')
    await expect(fetchRemoteAttachment({ ...remote, url: other.url }, insecure)).rejects.toThrow(ContentDigestError)
  })

  test('parameters: allowInsecure (http is refused by default, before any request)', async () => {
    const remote = upload('/insecure')
    const before = requests.length
    await expect(fetchRemoteAttachment(remote)).rejects.toThrow(TypeError)
    await expect(fetchRemoteAttachment({ ...remote, url: 'ftp://127.0.0.1/x' }, insecure)).rejects.toThrow(TypeError)
    expect(requests.length).toBe(before)
  })

  test('parameters: fetch (injected; https URLs)', async () => {
    const remote = upload('/injected')
    const seen: string[] = []
    const fetch = async (url: string) => {
      seen.push(url)
      return new Response(files.get('/injected')!.slice())
    }
    const url = 'https://cdn.example.com/injected'
    expect(await fetchRemoteAttachment({ ...remote, url }, { fetch })).toEqual(attachment)
    expect(seen).toEqual([url])
  })

  test('parameters: maxBytes (announced length, Content-Length header, and the download itself)', async () => {
    const remote = upload('/sized')
    const payloadLength = files.get('/sized')!.length
    // Announced contentLength: refused without a request.
    const before = requests.length
    await expect(fetchRemoteAttachment(remote, { ...insecure, maxBytes: attachment.data.length - 1 })).rejects.toThrow(PayloadTooLargeError)
    expect(requests.length).toBe(before)
    // Content-Length header over the limit.
    await expect(fetchRemoteAttachment({ ...remote, contentLength: 1 }, { ...insecure, maxBytes: payloadLength - 1 })).rejects.toThrow(
      PayloadTooLargeError,
    )
    expect(await fetchRemoteAttachment(remote, { ...insecure, maxBytes: payloadLength })).toEqual(attachment)
    // No Content-Length: the download stops at maxBytes.
    const stream = { ...remote, url: `${base}/stream?size=${64 * 1024 * 1024}` }
    await expect(fetchRemoteAttachment(stream, { ...insecure, maxBytes: 1024 * 1024 })).rejects.toThrow(PayloadTooLargeError)
  })

  test('parameters: signal', async () => {
    const remote = upload('/aborted')
    await expect(fetchRemoteAttachment(remote, { ...insecure, signal: AbortSignal.abort() })).rejects.toThrow(AbortError)
    // Aborted while the body downloads: the real fetch, aborted as soon as the headers are in.
    const controller = new AbortController()
    const fetch = async (url: string, init: RequestInit) => {
      const response = await globalThis.fetch(url, init)
      controller.abort()
      return response
    }
    const stream = { ...remote, url: `${base}/stream?size=${64 * 1024 * 1024}` }
    await expect(fetchRemoteAttachment(stream, { ...insecure, fetch, signal: controller.signal, maxBytes: 2 ** 30 })).rejects.toThrow(AbortError)
  })

  test('behavior: HTTP errors and unreachable servers are TransportErrors', async () => {
    const remote = upload('/exists')
    const missing = fetchRemoteAttachment({ ...remote, url: `${base}/missing` }, insecure)
    await expect(missing).rejects.toThrow(TransportError)
    await expect(missing).rejects.toMatchObject({ status: 404 })
    const failing = async () => {
      throw new TypeError('fetch failed')
    }
    await expect(fetchRemoteAttachment({ ...remote, url: 'https://unreachable.invalid/x' }, { fetch: failing })).rejects.toThrow(TransportError)
  })

  test('behavior: the SDK loads what we upload, and we load what the SDK uploads', async () => {
    // Ours → SDK (its `load` uses the global fetch and does not insist on https).
    const remote = upload('/for-sdk')
    const sdkRegistry = createSdkContentClient()
    const loaded = (await sdkRemoteAttachment.RemoteAttachmentCodec.load(remote as never, sdkRegistry as never)) as Attachment
    expect({ ...loaded, data: new Uint8Array(loaded.data) }).toEqual(attachment)
    // SDK → ours.
    const encrypted = await sdkRemoteAttachment.RemoteAttachmentCodec.encodeEncrypted(attachment, new sdkRemoteAttachment.AttachmentCodec())
    files.set('/from-sdk', encrypted.payload)
    const fromSdk: RemoteAttachment = {
      url: `${base}/from-sdk`,
      contentDigest: encrypted.digest,
      salt: encrypted.salt,
      nonce: encrypted.nonce,
      secret: encrypted.secret,
      scheme: 'https://',
      contentLength: attachment.data.length,
      filename: attachment.filename,
    }
    expect(await fetchRemoteAttachment(fromSdk, insecure)).toEqual(attachment)
  })
})

describe('encryptAttachment', () => {
  test('default: fresh keys each time; digest is the payload hash; plaintext is the EncodedContent without fallback', async () => {
    const a = encryptAttachment(attachment)
    const b = encryptAttachment(attachment)
    expect(a.secret).toHaveLength(32)
    expect(a.salt).toHaveLength(32)
    expect(a.nonce).toHaveLength(12)
    expect(a.contentDigest).toMatch(/^[0-9a-f]{64}$/)
    expect(a.secret).not.toEqual(b.secret)
    expect(a.payload).not.toEqual(b.payload)
    expect(await decryptAttachment(a)).toEqual(attachment)
    const { createHash } = await import('node:crypto')
    expect(a.contentDigest).toBe(createHash('sha256').update(a.payload).digest('hex'))
  })

  test('parameters: registry (a replaced attachment codec is used both ways)', async () => {
    const registry = createCodecRegistry()
    const encrypted = encryptAttachment(attachment, registry)
    expect(await decryptAttachment(encrypted, registry)).toEqual(attachment)
    await expect(decryptAttachment(encrypted, createCodecRegistry([]))).rejects.toThrow(ContentTypeError)
  })
})

describe('decryptAttachment', () => {
  test('behavior: wrong secret is a DecryptionError; non-attachment plaintext a ContentTypeError', async () => {
    const encrypted = encryptAttachment(attachment)
    await expect(decryptAttachment({ ...encrypted, secret: new Uint8Array(32) })).rejects.toThrow(DecryptionError)
    // A validly encrypted text message with a matching digest is still not an attachment.
    const text = contentProto.EncodedContent.encode({
      type: { authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 },
      parameters: { encoding: 'UTF-8' },
      content: new Uint8Array([104, 105]),
    }).finish()
    const secret = new Uint8Array(32).fill(9)
    const { hkdfSalt, gcmNonce, payload } = encrypt(text, secret)
    const { createHash } = await import('node:crypto')
    const contentDigest = createHash('sha256').update(payload).digest('hex')
    await expect(decryptAttachment({ payload, secret, salt: hkdfSalt, nonce: gcmNonce, contentDigest }, createCodecRegistry())).rejects.toThrow(
      ContentTypeError,
    )
  })

  test('behavior: any flipped payload bit fails the digest; with a recomputed digest, decryption (300 cases)', async () => {
    const encrypted = encryptAttachment({ ...attachment, data: attachment.data.subarray(0, 64) })
    const { createHash } = await import('node:crypto')
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: encrypted.payload.length * 8 - 1 }), async (bit) => {
        const payload = encrypted.payload.slice()
        payload[bit >> 3]! ^= 1 << (bit & 7)
        await expect(decryptAttachment({ ...encrypted, payload })).rejects.toThrow(ContentDigestError)
        const contentDigest = createHash('sha256').update(payload).digest('hex')
        await expect(decryptAttachment({ ...encrypted, payload, contentDigest })).rejects.toThrow(DecryptionError)
      }),
      { numRuns: 300 },
    )
  })
})
