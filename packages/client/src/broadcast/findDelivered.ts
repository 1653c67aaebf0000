import { equalBytes } from '@noble/curves/utils.js'
import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { isSameContentType, type ContentTypeId } from '../content/contentTypeId.js'
import { encodeContent } from '../content/encodeContent.js'
import type { Conversation, DecodedMessage } from '../conversations/types.js'
import { listMessages } from '../messages/listMessages.js'

/**
 * A message from this wallet in `conversation`, sent at or after `sinceNs`, with the same content: what an
 * earlier run delivered even though its answer was lost (the node stored it, then the connection died).
 * Compared by encoded content, so any content type works.
 */
export async function findDelivered<T>(
  client: Client,
  { conversation, sinceNs, content, contentType, signal }: { conversation: Conversation; sinceNs: bigint; content: T; contentType: ContentTypeId; signal: AbortSignal | undefined },
): Promise<DecodedMessage | undefined> {
  const messages = await listMessages(client, { conversation, startTimeNs: sinceNs, signal })
  const mine = messages.filter((m) => m.fromMe && m.error === undefined && isSameContentType(m.contentType, contentType))
  if (mine.length === 0) return undefined
  if (typeof content === 'string') return mine.find((m) => m.content === content)
  const { registry } = getClientState(client)
  const wanted = await encodeContent(content, { contentType, registry })
  for (const message of mine) {
    if (equalBytes(await encodeContent(message.content, { contentType, registry }), wanted)) return message
  }
  return undefined
}
