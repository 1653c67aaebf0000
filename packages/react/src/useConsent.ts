import {
  allow as allowAddresses,
  type ConsentListSnapshot,
  type ConsentState,
  type Conversation,
  type ConversationConsent,
  deny as denyAddresses,
  getAddress,
  getConsentStore,
  getConversationConsent,
  loadConsentList,
  type Store,
} from '@xmtp-kit/client'
import { useCallback, useEffect } from 'react'
import { ClientNotReadyError } from './ClientNotReadyError.js'
import { constantStore } from './internal/constantStore.js'
import { type ActionStatus, useAction } from './internal/useAction.js'
import { useCurrentClient } from './internal/useCurrentClient.js'
import { useStore } from './useStore.js'

export interface UseConsentReturnType {
  /** The wallet's consent state: `allowed`, `denied`, or `unknown` (never decided). */
  state: ConsentState
  /** With a conversation: where it belongs (`allowed`, `requested`, `denied`), counting conversations this wallet started or wrote in as allowed. */
  conversationConsent: ConversationConsent | undefined
  /** Allows the wallet (shown at once; published to this wallet's other clients). */
  allow(): Promise<void>
  /** Denies (blocks) the wallet. */
  deny(): Promise<void>
  /** The consent list's load status. */
  status: ConsentListSnapshot['status']
  /** Of the last `allow`/`deny`. */
  actionStatus: ActionStatus
  error: Error | undefined
}

const idle: Store<ConsentListSnapshot> = constantStore<ConsentListSnapshot>({ status: 'idle', entries: new Map(), error: undefined })
const loading = new WeakSet<object>()

const normalize = (address: string | undefined) => {
  try {
    return address === undefined ? undefined : getAddress(address)
  } catch {
    return undefined
  }
}

/**
 * A wallet's (or a conversation's peer's) consent state, live, with `allow` and `deny`. Views filtered by
 * consent (`useConversations`, `useInboxFilters`) follow at once.
 *
 * @example
 * const { conversationConsent, allow, deny } = useConsent(conversation)
 * if (conversationConsent === 'requested') return <><button onClick={allow}>Accept</button><button onClick={deny}>Block</button></>
 */
export function useConsent(target: string | Conversation | undefined): UseConsentReturnType {
  const client = useCurrentClient()
  const conversation = typeof target === 'object' ? target : undefined
  const address = normalize(typeof target === 'string' ? target : target?.peerAddress)
  const store = client ? getConsentStore(client) : idle
  const select = useCallback(
    (snapshot: ConsentListSnapshot) => {
      const state: ConsentState = (address && snapshot.entries.get(address)?.state) || 'unknown'
      const conversationConsent = client && conversation ? getConversationConsent(client, conversation) : undefined
      return { state, conversationConsent, status: snapshot.status, error: snapshot.error }
    },
    [client, conversation, address],
  )
  const selected = useStore(store, select, sameSelection)

  useEffect(() => {
    // Fill the list once per client if nothing else (the conversation list) has.
    if (!client || loading.has(client) || getConsentStore(client).getSnapshot().status !== 'idle') return
    loading.add(client)
    loadConsentList(client).catch(() => loading.delete(client))
  }, [client])

  const action = useCallback(
    async (state: 'allowed' | 'denied') => {
      if (!client) throw new ClientNotReadyError()
      if (!address) throw new TypeError('useConsent: no valid address to allow or deny.')
      await (state === 'allowed' ? allowAddresses : denyAddresses)(client, [address])
    },
    [client, address],
  )
  const { run, status: actionStatus, error } = useAction(action)
  const allow = useCallback(async () => void (await run('allowed')), [run])
  const deny = useCallback(async () => void (await run('denied')), [run])
  return { ...selected, allow, deny, actionStatus, error: error ?? selected.error }
}

type Selection = { state: ConsentState; conversationConsent: ConversationConsent | undefined; status: ConsentListSnapshot['status']; error: Error | undefined }
const sameSelection = (a: Selection, b: Selection) =>
  a.state === b.state && a.conversationConsent === b.conversationConsent && a.status === b.status && a.error === b.error
