import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { ContentCodec } from '../content/ContentCodec.js'

/**
 * Adds content codecs to a client: messages of those types are then decoded when listed or streamed, and
 * can be sent with `sendMessage(client, { content, contentType })`. A codec replaces any registered for the
 * same authority/type; registering the same codec again changes nothing. The built-in codecs (text,
 * reaction, reply, read receipt, attachment, remote attachment) are always there.
 *
 * @throws {TypeError} if a codec lacks a content type or a method.
 * @example
 * registerCodecs(client, [pingCodec])
 * await sendMessage(client, { conversation, content: 3, contentType: pingCodec.contentType })
 */
export function registerCodecs(client: Client, codecs: Iterable<ContentCodec<unknown>>): void {
  const { registry } = getClientState(client)
  for (const codec of codecs) registry.register(codec)
}
