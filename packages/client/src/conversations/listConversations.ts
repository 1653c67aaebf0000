import { flushClientCache, openConversationEnvelopeOnce } from '../cache/clientCache.js'
import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import { KitError } from '../errors/KitError.js'
import { buildIntroTopic, buildInviteTopic } from '../utils/topics.js'
import { openIntroEnvelope } from './v1/openIntroEnvelope.js'
import { openInvitationEnvelope, rememberConversation } from './openInvitationEnvelope.js'
import type { Conversation } from './types.js'

/** Listing resumes this far before the newest envelope already read, as the SDK does (§13). */
const RESYNC_OVERLAP_NS = 10_000n * 1_000_000n

export interface ListConversationsParameters {
  signal?: AbortSignal | undefined
  /** Called for each invitation or intro that is skipped (malformed, forged, tampered). */
  onError?: ((error: KitError) => void) | undefined
}

/**
 * Every conversation of this wallet: v2 invitations from its invite topic and v1 conversations from its
 * intro topic, each verified, deduplicated by topic (first seen wins), oldest first. Reads only what is
 * new since the last call.
 */
export async function listConversations(client: Client, { signal, onError }: ListConversationsParameters = {}): Promise<Conversation[]> {
  const state = getClientState(client)
  const skip = (error: unknown) => {
    if (!(error instanceof KitError)) throw error
    onError?.(error)
  }
  const since = (ns: bigint | undefined) => (ns === undefined ? undefined : ns > RESYNC_OVERLAP_NS ? ns - RESYNC_OVERLAP_NS : 1n)

  const read = async (topic: string, synced: bigint | undefined, open: (e: import('../transport/types.js').Envelope) => string) => {
    let newest = synced
    for await (const page of client.transport.query({ contentTopic: topic, direction: 'ascending', startTimeNs: since(synced), signal })) {
      for (const envelope of page.envelopes) {
        if (newest === undefined || envelope.timestampNs > newest) newest = envelope.timestampNs
        try {
          openConversationEnvelopeOnce(client, envelope, open)
        } catch (error) {
          skip(error)
        }
      }
    }
    return newest
  }

  const [inviteSynced, introSynced] = await Promise.all([
    read(buildInviteTopic(client.address), state.inviteSyncedNs, (envelope) => {
      return rememberConversation(client, openInvitationEnvelope(client, envelope)).record.conversation.topic
    }),
    read(buildIntroTopic(client.address), state.introSyncedNs, (envelope) => {
      const record = openIntroEnvelope(client, envelope)
      const existing = state.conversations.get(record.conversation.topic)
      // v1: keep the earliest message's time as the conversation's creation.
      if (existing && existing.conversation.createdNs > record.conversation.createdNs) {
        existing.conversation = { ...existing.conversation, createdNs: record.conversation.createdNs }
      } else rememberConversation(client, record)
      return record.conversation.topic
    }),
  ])
  state.inviteSyncedNs = inviteSynced
  state.introSyncedNs = introSynced
  await flushClientCache(client)
  return [...state.conversations.values()]
    .map((r) => r.conversation)
    .sort((a, b) => (a.createdNs < b.createdNs ? -1 : a.createdNs > b.createdNs ? 1 : 0))
}
