import { getClientKeys } from '../client/clientKeys.js'
import { getAddress, isAddress } from '../crypto/address.js'
import { KeystoreError } from '../errors/errors.js'
import { createStore, type WritableStore } from '../store/createStore.js'
import { buildPrivatePreferencesTopic } from './buildPrivatePreferencesTopic.js'
import { derivePrivatePreferencesKeys, type PrivatePreferencesAction, type PrivatePreferencesKeys } from './privatePreferencesPayload.js'
import type { ConsentEntry, ConsentListSnapshot } from './types.js'

/** A client's consent state (internal to the client package; never logged or exposed). */
export interface ConsentRecord {
  topic: string
  keys: PrivatePreferencesKeys
  /** Allowed and denied wallets by EIP-55 address; the store's snapshot is a copy made on commit. */
  entries: Map<string, ConsentEntry>
  /** Entries changed since the last commit. */
  dirty: boolean
  store: WritableStore<ConsentListSnapshot>
  /** Wall-clock start of the last successful load, ms; `undefined` before the first. */
  lastRunMs: number | undefined
  /** Timestamp of this client's last published action, ms: the next one is later. */
  lastPublishedMs: number
  /** Conversation topics this client started or sent a message in. */
  active: Set<string>
  /** Loads run one after another. */
  loads: Promise<unknown>
  /** Automatic allows in flight, by peer address, so concurrent sends publish one. */
  pendingAllows: Map<string, Promise<void>>
}

const records = new WeakMap<object, ConsentRecord>()

/**
 * The consent state of a client, created on first use.
 *
 * @throws {TypeError} for an object that is not a client made by `createClient`.
 */
export function getConsentRecord(client: object): ConsentRecord {
  let record = records.get(client)
  if (!record) {
    const identity = getClientKeys(client).identityKey
    const privateKey = identity?.secp256k1?.bytes
    const publicKey = identity?.publicKey?.secp256k1Uncompressed?.bytes
    if (!privateKey || !publicKey) throw new KeystoreError('The client has no identity key.')
    record = {
      topic: buildPrivatePreferencesTopic(privateKey),
      keys: derivePrivatePreferencesKeys(privateKey, publicKey),
      entries: new Map(),
      dirty: false,
      store: createStore<ConsentListSnapshot>({ status: 'idle', entries: new Map(), error: undefined }),
      lastRunMs: undefined,
      lastPublishedMs: 0,
      active: new Set(),
      loads: Promise.resolve(),
      pendingAllows: new Map(),
    }
    records.set(client, record)
  }
  return record
}

/** The EIP-55 form of an address, or `undefined` for anything that is not one. */
export const normalizeAddress = (value: string): string | undefined => (isAddress(value) ? getAddress(value) : undefined)

/**
 * Applies one action with its envelope timestamp: an address takes the action's state unless a later action
 * set it already (§11.3: applied in timestamp order, later overrides; equal timestamps apply in arrival
 * order). Values that are not addresses are ignored. Returns the entries that changed.
 */
export function applyConsentAction(record: ConsentRecord, action: PrivatePreferencesAction, timestampNs: bigint): ConsentEntry[] {
  const changed: ConsentEntry[] = []
  const apply = (state: ConsentEntry['state'], values: readonly string[] | undefined) => {
    for (const value of values ?? []) {
      const address = normalizeAddress(value)
      if (!address) continue
      const existing = record.entries.get(address)
      if (existing && (existing.updatedNs > timestampNs || (existing.updatedNs === timestampNs && existing.state === state))) continue
      const entry: ConsentEntry = { address, state, updatedNs: timestampNs }
      record.entries.set(address, entry)
      record.dirty = true
      changed.push(entry)
    }
  }
  // The SDK applies a (malformed) action carrying both lists allow first, then deny.
  apply('allowed', action.allowAddress?.walletAddresses)
  apply('denied', action.denyAddress?.walletAddresses)
  return changed
}

/** Publishes the entries (if changed) and the given status fields as a new snapshot. */
export function commitConsent(record: ConsentRecord, patch: Partial<Pick<ConsentListSnapshot, 'status' | 'error'>> = {}): void {
  record.store.setState((previous) => {
    const entries = record.dirty ? new Map(record.entries) : previous.entries
    record.dirty = false
    const status = patch.status ?? previous.status
    const error = 'error' in patch ? patch.error : previous.error
    if (entries === previous.entries && status === previous.status && error === previous.error) return previous
    return { status, entries, error }
  })
}

/** An `Error` for whatever was thrown. */
export const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)))
