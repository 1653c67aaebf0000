import { createCodecRegistry, type CodecRegistry } from '../content/createCodecRegistry.js'
import type { Conversation } from '../conversations/types.js'
import { createBundleVerifier } from '../identity/createBundleVerifier.js'
import type { PublicKeyBundle, SignedPublicKeyBundle } from '../identity/keyBundle.js'

/** What the client knows of a conversation beyond its public description. Never logged or exposed. */
export interface ConversationRecord {
  conversation: Conversation
  /** v2: the 32 bytes of key material from the invitation. */
  keyMaterial: Uint8Array | undefined
  /** v1: the peer's legacy bundle, needed to encrypt to them. */
  peerLegacyBundle: PublicKeyBundle | undefined
  peerBundle: SignedPublicKeyBundle | undefined
}

export interface ClientState {
  conversations: Map<string, ConversationRecord>
  /** Newest envelope timestamp read from the invite and intro topics (resume point for listing). */
  inviteSyncedNs: bigint | undefined
  introSyncedNs: bigint | undefined
  verifyBundle: (bundle: SignedPublicKeyBundle) => string
  registry: CodecRegistry
  /** v1: peers already introduced through their intro topic by this client instance. */
  introduced: Set<string>
}

const states = new WeakMap<object, ClientState>()

/** The per-client protocol state (conversations and their secrets, codecs, caches). */
export function getClientState(client: object): ClientState {
  let state = states.get(client)
  if (!state) {
    state = {
      conversations: new Map(),
      inviteSyncedNs: undefined,
      introSyncedNs: undefined,
      verifyBundle: createBundleVerifier(),
      registry: createCodecRegistry(),
      introduced: new Set(),
    }
    states.set(client, state)
  }
  return state
}
