import type { KitError } from '../errors/KitError.js'
import type { Store } from '../store/createStore.js'
import type { SubscriptionState } from '../transport/types.js'

/** A live stream: its connection state and how to stop it. */
export interface Stream {
  /** `connecting | live | reconnecting | closed`, as a store. */
  readonly state: Store<SubscriptionState>
  /** Resolves once the stream is first live. */
  ready: Promise<void>
  close(): void
}

export interface StreamErrorHandler {
  /** Envelopes that fail to decrypt or verify are skipped and reported here; so are network errors of a backfill. */
  onError?: ((error: KitError | Error) => void) | undefined
}
