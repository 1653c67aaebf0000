import { describe, expect, test } from 'vitest'
import { createCodecRegistry } from '../../../packages/client/src/content/createCodecRegistry.js'
import { decodeContent } from '../../../packages/client/src/content/decodeContent.js'
import { encodeContent } from '../../../packages/client/src/content/encodeContent.js'
import {
  ContentTypeRemoteAttachment,
  remoteAttachmentCodec,
  type RemoteAttachment,
} from '../../../packages/client/src/content/remoteAttachmentCodec.js'
import { DecodeError } from '../../../packages/client/src/errors/errors.js'
import { createSdkContentClient, sdkRemoteAttachment } from './sdk.js'

const registry = createCodecRegistry()
const sdk = createSdkContentClient()
const remote: RemoteAttachment = {
  url: 'https://files.example.com/abc',
  contentDigest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  salt: new Uint8Array(32).fill(1),
  nonce: new Uint8Array(12).fill(2),
  secret: new Uint8Array(32).fill(3),
  scheme: 'https://',
  contentLength: 1234,
  filename: 'report.pdf',
}
const fallback = 'Can\u2019t display "report.pdf". This app doesn\u2019t support attachments.'
const encode = (parameters: Record<string, string>, url = remote.url) => ({
  type: ContentTypeRemoteAttachment,
  parameters,
  content: new TextEncoder().encode(url),
})

describe('remoteAttachmentCodec', () => {
  test('default: parameters in the SDK order, URL as content', () => {
    expect(ContentTypeRemoteAttachment).toEqual({ ...sdkRemoteAttachment.ContentTypeRemoteAttachment })
    const encoded = remoteAttachmentCodec.encode(remote, registry)
    expect(Object.entries(encoded.parameters)).toEqual([
      ['contentDigest', remote.contentDigest],
      ['salt', '01'.repeat(32)],
      ['nonce', '02'.repeat(12)],
      ['secret', '03'.repeat(32)],
      ['scheme', 'https://'],
      ['contentLength', '1234'],
      ['filename', 'report.pdf'],
    ])
    expect(new TextDecoder().decode(encoded.content)).toBe(remote.url)
    expect(remoteAttachmentCodec.decode(encoded, registry)).toEqual(remote)
    expect(remoteAttachmentCodec.fallback(remote)).toBe(fallback)
    expect(remoteAttachmentCodec.shouldPush(remote)).toBe(true)
  })

  test('behavior: same bytes as the SDK; each side reads the other', async () => {
    const ours = await encodeContent(remote, { contentType: ContentTypeRemoteAttachment, registry })
    const theirs = await sdk.encodeContent(remote, { contentType: sdkRemoteAttachment.ContentTypeRemoteAttachment })
    expect(ours).toEqual(theirs.payload)
    expect(theirs.shouldPush).toBe(true)
    const sdkDecoded = await sdk.decodeContent(ours)
    expect(sdkDecoded.content).toEqual(remote)
    expect(sdkDecoded.contentFallback).toBe(fallback)
    expect(await decodeContent(theirs.payload, registry)).toEqual({ contentType: ContentTypeRemoteAttachment, content: remote, fallback })
  })

  test('behavior: early messages without contentLength and filename decode', () => {
    const { contentLength: _l, filename: _f, ...early } = remote
    const encoded = remoteAttachmentCodec.encode(early, registry)
    expect(Object.keys(encoded.parameters)).toEqual(['contentDigest', 'salt', 'nonce', 'secret', 'scheme'])
    expect(remoteAttachmentCodec.decode(encoded, registry)).toEqual(early)
  })

  test('behavior: malformed parameters are DecodeErrors', () => {
    const good = remoteAttachmentCodec.encode(remote, registry).parameters
    for (const [key, value] of [
      ['contentDigest', 'xyz'],
      ['salt', '01'.repeat(31)],
      ['nonce', 'zz'.repeat(12)],
      ['secret', '0'],
      ['contentLength', '12a'],
      ['contentLength', '-1'],
    ] as const) {
      expect(() => remoteAttachmentCodec.decode(encode({ ...good, [key]: value }), registry), key).toThrow(DecodeError)
    }
    for (const key of ['contentDigest', 'salt', 'nonce', 'secret', 'scheme']) {
      const { [key]: _, ...rest } = good
      expect(() => remoteAttachmentCodec.decode(encode(rest), registry), key).toThrow(DecodeError)
    }
  })

  test('behavior: encoding requires an https URL and well-formed keys (TypeError)', () => {
    expect(() => remoteAttachmentCodec.encode({ ...remote, url: 'http://files.example.com/abc' }, registry)).toThrow('remote.url')
    expect(() => remoteAttachmentCodec.encode({ ...remote, salt: new Uint8Array(31) }, registry)).toThrow('remote.salt')
    expect(() => remoteAttachmentCodec.encode({ ...remote, contentDigest: 'ab' }, registry)).toThrow('remote.contentDigest')
    expect(() => remoteAttachmentCodec.encode({ ...remote, contentLength: -1 }, registry)).toThrow('remote.contentLength')
  })
})
