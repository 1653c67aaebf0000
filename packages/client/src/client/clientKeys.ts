import type { PrivateKeyBundleV1 } from '../identity/keyBundle.js'

// Private keys live beside the client, not on it, so logging or serialising a client never shows them.
const keys = new WeakMap<object, PrivateKeyBundleV1>()

export const setClientKeys = (client: object, bundle: PrivateKeyBundleV1): void => {
  keys.set(client, bundle)
}

/** The private key bundle of a client (internal to the client package). */
export function getClientKeys(client: object): PrivateKeyBundleV1 {
  const bundle = keys.get(client)
  if (!bundle) throw new TypeError('Not a client created by createClient.')
  return bundle
}
