/** A client's read state, per conversation topic. Snapshots are immutable; markers only move forward. */
export interface UnreadState {
  /** Up to when (inclusive, `sentNs`, ns since the epoch) this wallet has read each conversation. */
  readonly lastReadNs: Readonly<Record<string, bigint>>
  /** Up to when the peer has read each conversation, from the newest read receipt the peer sent. */
  readonly peerReadNs: Readonly<Record<string, bigint>>
}

/**
 * Where read markers are saved between sessions: any async key-value store of bytes. It is the `get`/`set`
 * half of the local cache's `Persistence`, so `memoryPersistence()` or `indexedDbPersistence()` plug in as
 * they are; wrap anything else (e.g. `localStorage` with base64) in two functions. The kit writes one value
 * per wallet, UTF-8 JSON `{"v":1,"lastReadNs":{"<topic>":"<ns>"}}`, unencrypted (topics and times only,
 * no content), under a key outside the cache's `xmtp-kit/<address>/` namespace.
 *
 * @example
 * const persistence: ReadMarkerPersistence = {
 *   get: async (key) => fromBase64(localStorage.getItem(key)),
 *   set: async (key, value) => localStorage.setItem(key, toBase64(value)),
 * }
 */
export interface ReadMarkerPersistence {
  /** The value saved under `key`, or `undefined` / `null` when there is none. */
  get(key: string): Promise<Uint8Array | null | undefined>
  set(key: string, value: Uint8Array): Promise<void>
}
