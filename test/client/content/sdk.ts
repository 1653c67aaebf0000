/**
 * The official SDK's content types, loaded through CommonJS (the ESM build of xmtp-js 13 does not load on
 * Node 20, spec §14), and an SDK "client" that only encodes and decodes content: `Client.prototype`'s
 * `registerCodec` / `codecFor` / `encodeContent` / `decodeContent` only touch `this._codecs`.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export const sdkText = require('@xmtp/content-type-text') as typeof import('@xmtp/content-type-text')
export const sdkPrimitives = require('@xmtp/content-type-primitives') as typeof import('@xmtp/content-type-primitives')
export const sdkReaction = require('@xmtp/content-type-reaction') as typeof import('@xmtp/content-type-reaction')
export const sdkReply = require('@xmtp/content-type-reply') as typeof import('@xmtp/content-type-reply')
export const sdkReadReceipt = require('@xmtp/content-type-read-receipt') as typeof import('@xmtp/content-type-read-receipt')
export const sdkRemoteAttachment = require('@xmtp/content-type-remote-attachment') as typeof import('@xmtp/content-type-remote-attachment')
const xmtp = require('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')

type SdkContentTypeId = InstanceType<typeof sdkPrimitives.ContentTypeId>
type SdkCodec = import('@xmtp/content-type-primitives').ContentCodec

export interface SdkContentClient {
  registerCodec(codec: SdkCodec): SdkContentClient
  codecFor(contentType: SdkContentTypeId): SdkCodec | undefined
  encodeContent(content: unknown, options: { contentType: SdkContentTypeId; compression?: number }): Promise<{ payload: Uint8Array; shouldPush: boolean }>
  decodeContent(bytes: Uint8Array): Promise<{ content: unknown; contentType: SdkContentTypeId; error?: Error; contentFallback?: string }>
}

/** An SDK content client with every standard codec registered. */
export function createSdkContentClient(): SdkContentClient {
  const client = Object.create(xmtp.Client.prototype) as SdkContentClient & { _codecs: Map<string, SdkCodec> }
  client._codecs = new Map()
  for (const codec of [
    new sdkText.TextCodec(),
    new sdkReaction.ReactionCodec(),
    new sdkReply.ReplyCodec(),
    new sdkReadReceipt.ReadReceiptCodec(),
    new sdkRemoteAttachment.AttachmentCodec(),
    new sdkRemoteAttachment.RemoteAttachmentCodec(),
  ]) {
    client.registerCodec(codec as SdkCodec)
  }
  // The SDK returns Node Buffers; the kit plain Uint8Arrays. Compare bytes, not classes.
  const encodeContent = client.encodeContent.bind(client)
  client.encodeContent = async (content, options) => {
    const { payload, shouldPush } = await encodeContent(content, options)
    return { payload: new Uint8Array(payload), shouldPush }
  }
  return client
}

/** `xmtp.Compression`: the proto enum (`COMPRESSION_DEFLATE` 0, `COMPRESSION_GZIP` 1). */
export const SdkCompression = xmtp.Compression
