/**
 * Where a client keeps its local cache: an asynchronous key-value store of bytes. The client encrypts
 * every value before it gets here and namespaces its keys per wallet (`xmtp-kit/<address>/…`), so one
 * persistence can serve several wallets. Implement it to store the cache anywhere (a file, SQLite,
 * React Native storage); {@link memoryPersistence} and {@link indexedDbPersistence} are built in.
 *
 * Operations may reject: the client reports the failure (`onCacheError`) and carries on from the network.
 */
export interface Persistence {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): Promise<Uint8Array | undefined>
  set(key: string, value: Uint8Array): Promise<void>
  /** Removes `key`; nothing happens when it is absent. */
  delete(key: string): Promise<void>
  /** Every stored key that starts with `prefix`, in any order. */
  keys(prefix: string): Promise<string[]>
}
