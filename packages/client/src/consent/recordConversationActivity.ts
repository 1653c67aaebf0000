import type { Client } from '../client/createClient.js'
import type { Conversation } from '../conversations/types.js'
import { allow } from './allow.js'
import { commitConsent, getConsentRecord, toError } from './consentRecord.js'
import { getConsentState } from './getConsentState.js'
import { loadConsentList } from './loadConsentList.js'

/**
 * Called after this client starts a conversation or sends in one: the conversation counts as allowed, and
 * an `unknown` peer is allowed on the network, as the official SDK does (§11.3). The consent list is loaded
 * first if it never was, so a peer denied elsewhere is not re-allowed. Never rejects: a failure is recorded
 * as the consent snapshot's `error` and the caller's operation stands.
 */
export async function recordConversationActivity(client: Client, conversation: Conversation): Promise<void> {
  const record = getConsentRecord(client)
  record.active.add(conversation.topic)
  const peer = conversation.peerAddress
  const pending = record.pendingAllows.get(peer)
  if (pending) return pending
  const run = async () => {
    try {
      if (record.lastRunMs === undefined) await loadConsentList(client)
      if (getConsentState(client, peer) === 'unknown') await allow(client, [peer])
    } catch (error) {
      commitConsent(record, { error: toError(error) })
    }
  }
  // `finally` runs on a later microtask, so the entry is always set before it is removed.
  const promise = run().finally(() => record.pendingAllows.delete(peer))
  record.pendingAllows.set(peer, promise)
  return promise
}
