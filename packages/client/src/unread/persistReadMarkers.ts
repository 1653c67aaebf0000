import type { Client } from '../client/createClient.js'
import { DecodeError } from '../errors/errors.js'
import type { ReadMarkerPersistence } from './types.js'
import { advanceMarkers, getWritableUnreadStore } from './unreadStore.js'

export interface PersistReadMarkersParameters {
  persistence: ReadMarkerPersistence
  /** Default `xmtp-kit-read-markers/v1/<EIP-55 address>`: one key per wallet. */
  key?: string | undefined
  /** Told of failed reads and writes and of unreadable saved values; persisting goes on. */
  onError?: ((error: Error) => void) | undefined
}

const VERSION = 1

const encoder = new TextEncoder()
// fatal: bytes that are not UTF-8 are an unreadable value, not text with replacement characters.
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Saved form: `{"v":1,"lastReadNs":{"<topic>":"<decimal ns>"}}` as UTF-8 (JSON has no bigint). */
function serialize(markers: Readonly<Record<string, bigint>>): string {
  const lastReadNs: Record<string, string> = {}
  for (const [topic, ns] of Object.entries(markers)) lastReadNs[topic] = ns.toString()
  return JSON.stringify({ v: VERSION, lastReadNs })
}

function parse(bytes: Uint8Array): [string, bigint][] {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch (cause) {
    throw new DecodeError('saved read markers', { details: 'Not UTF-8 JSON.', cause })
  }
  const markers = (value as { v?: unknown; lastReadNs?: unknown } | null)?.lastReadNs
  if ((value as { v?: unknown } | null)?.v !== VERSION || typeof markers !== 'object' || markers === null) {
    throw new DecodeError('saved read markers', { details: `Expected {"v":${VERSION},"lastReadNs":{…}}.` })
  }
  const entries: [string, bigint][] = []
  for (const [topic, ns] of Object.entries(markers)) {
    // Skip a bad entry, keep the others.
    if (typeof ns === 'string' && /^\d{1,30}$/.test(ns)) entries.push([topic, BigInt(ns)])
  }
  return entries
}

/**
 * Keeps the client's read markers (not the peers', which come back with the receipts) in `persistence`:
 * loads the saved ones into the unread store (the newer marker wins per conversation, so marks made before
 * loading are kept), then saves the markers after each change, one write at a time, the latest state last.
 * Resolves once loaded with a function that stops saving.
 *
 * @example
 * const stop = await persistReadMarkers(client, { persistence: myCache })
 */
export async function persistReadMarkers(client: Client, parameters: PersistReadMarkersParameters): Promise<() => void> {
  const { persistence, onError } = parameters ?? {}
  if (typeof persistence?.get !== 'function' || typeof persistence.set !== 'function') {
    throw new TypeError('persistReadMarkers: persistence must have get and set functions.')
  }
  // Outside the local cache's `xmtp-kit/<address>/` keys, which it lists and migrates as its own.
  const key = parameters.key ?? `xmtp-kit-read-markers/v${VERSION}/${client.address}`
  const report = (error: unknown) => {
    try {
      onError?.(error instanceof Error ? error : new Error(String(error)))
    } catch {
      // The handler's own failure must not stop persisting.
    }
  }
  const store = getWritableUnreadStore(client)

  let saved: Uint8Array | null | undefined
  try {
    saved = await persistence.get(key)
  } catch (error) {
    report(error)
  }
  // What the persistence holds, to skip writes that change nothing: nothing saved is the empty set; an
  // unreadable value (maybe from a newer version) counts as the current markers, so it is replaced only
  // when there is a change to save.
  let written: string | undefined = saved instanceof Uint8Array ? undefined : serialize({})
  if (saved instanceof Uint8Array) {
    try {
      const entries = parse(saved)
      store.setState((state) => {
        const lastReadNs = advanceMarkers(state.lastReadNs, entries)
        return lastReadNs === state.lastReadNs ? state : Object.freeze({ ...state, lastReadNs })
      })
      written = decoder.decode(saved)
    } catch (error) {
      report(error)
    }
  }
  written ??= serialize(store.getSnapshot().lastReadNs)

  let stopped = false
  let writing = false
  // Writes run one at a time; a change during a write is saved right after it, with the newest markers.
  const flush = async () => {
    if (writing) return
    writing = true
    try {
      while (!stopped) {
        const value = serialize(store.getSnapshot().lastReadNs)
        if (value === written) break
        try {
          await persistence.set(key, encoder.encode(value))
        } catch (error) {
          report(error)
          break
        }
        written = value
      }
    } finally {
      writing = false
    }
  }
  let lastSeen = store.getSnapshot().lastReadNs
  const unsubscribe = store.subscribe(() => {
    const { lastReadNs } = store.getSnapshot()
    if (lastReadNs === lastSeen) return
    lastSeen = lastReadNs
    void flush()
  })
  void flush()
  return () => {
    stopped = true
    unsubscribe()
  }
}
