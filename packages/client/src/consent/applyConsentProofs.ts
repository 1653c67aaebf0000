import type { Client } from '../client/createClient.js'
import type { Conversation } from '../conversations/types.js'
import { allow } from './allow.js'
import { getConsentRecord } from './consentRecord.js'
import { getConsentState } from './getConsentState.js'
import { isValidConsentProof } from './isValidConsentProof.js'
import { loadConsentList } from './loadConsentList.js'

export interface ApplyConsentProofsParameters {
  signal?: AbortSignal | undefined
}

/**
 * Honours consent proofs (§11.3): for each conversation whose peer is `unknown` and whose invitation carries
 * a valid proof signed by this wallet (see {@link isValidConsentProof}), allows the peer, in one action for
 * all of them, as the official SDK does when it loads its consent list. Loads the consent list first if it
 * never was, so a denied peer stays denied. Resolves with the peers allowed.
 *
 * @throws {TransportError} when the node cannot be reached.
 * @example
 * await applyConsentProofs(client, await listConversations(client))
 */
export async function applyConsentProofs(
  client: Client,
  conversations: readonly Conversation[],
  { signal }: ApplyConsentProofsParameters = {},
): Promise<string[]> {
  if (getConsentRecord(client).lastRunMs === undefined) await loadConsentList(client, { signal })
  const nowMs = Date.now()
  const peers: string[] = []
  for (const { consentProof, peerAddress } of conversations) {
    if (!consentProof || peers.includes(peerAddress) || getConsentState(client, peerAddress) !== 'unknown') continue
    if (isValidConsentProof({ proof: consentProof, senderAddress: peerAddress, recipientAddress: client.address, nowMs })) peers.push(peerAddress)
  }
  if (peers.length > 0) await allow(client, peers, { signal })
  return peers
}
