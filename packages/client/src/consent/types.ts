/** A wallet's consent state in this wallet's private preferences (§11): `unknown` until allowed or denied. */
export type ConsentState = 'allowed' | 'denied' | 'unknown'

/** Where a conversation belongs in an inbox: the main list, the requests list, or hidden. */
export type ConversationConsent = 'allowed' | 'requested' | 'denied'

/** One wallet's entry in the consent list. */
export interface ConsentEntry {
  /** EIP-55 checksummed address. */
  address: string
  state: 'allowed' | 'denied'
  /** Timestamp of the action that set this state (the envelope's `timestampNs`), ns since the epoch. */
  updatedNs: bigint
}

/** The live consent list, as a store snapshot. Immutable: a change gives a new snapshot. */
export interface ConsentListSnapshot {
  /** `idle` until the first load; `loading` during it; `ready` once loaded; `error` when a load failed before any succeeded. */
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Allowed and denied wallets, keyed by EIP-55 address. Absent = `unknown`. */
  entries: ReadonlyMap<string, ConsentEntry>
  /** The last failure of a load or of an automatic allow; cleared by the next successful load. */
  error: Error | undefined
}
