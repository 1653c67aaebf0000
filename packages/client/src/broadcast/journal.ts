import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { getAddress, isAddress } from '../crypto/address.js'
import { concatBytes } from '../utils/bytes.js'
import { type BroadcastJournalRecord, isJournalRecord } from './journalRecord.js'

export type { BroadcastJournalRecord } from './journalRecord.js'

/**
 * Where a broadcast records what it has done, so that a run stopped at any point (a crash, a killed process,
 * a closed tab) and started again with the same journal and message sends nobody a second copy. `append` must
 * resolve only once the record would be read back by `read` after the process dies: the `sending` record is
 * written before the message is published. Use `memoryJournal` in a page or a test, `fileJournal` from
 * `@xmtp-kit/client/node` in Node, or your own over any store (IndexedDB, a database table, a KV store).
 *
 * @example
 * // Over IndexedDB (one object store with auto-incremented keys; the full version is in the README):
 * const journal: BroadcastJournal = {
 *   read: () => getAll(db.transaction('records').objectStore('records')),
 *   append: (record) => addAndWaitForComplete(db.transaction('records', 'readwrite', { durability: 'strict' }), record),
 * }
 */
export interface BroadcastJournal {
  /** Every record appended so far, oldest first; none for a new journal. */
  read(): Promise<readonly BroadcastJournalRecord[]> | readonly BroadcastJournalRecord[]
  /** Stores one record durably (see above) before resolving. */
  append(record: BroadcastJournalRecord): Promise<void> | void
}

/** A journal held in memory, e.g. for a page that keeps it while open, or to copy into your own store. */
export interface MemoryJournal extends BroadcastJournal {
  /** The records so far, oldest first (the array the journal appends to). */
  readonly records: BroadcastJournalRecord[]
}

/**
 * A journal in memory, optionally continuing from `records` saved earlier. Survives a cancelled or failed run
 * within the page, not a reload: save `records` yourself (e.g. after each `append`) to survive that.
 *
 * @example
 * const journal = memoryJournal()
 * await broadcast(client, { recipients, content, journal })   // stopped half-way…
 * await broadcast(client, { recipients, content, journal })   // …sends only to the rest
 */
export function memoryJournal(records: readonly BroadcastJournalRecord[] = []): MemoryJournal {
  const list = records.map((r) => ({ ...r }))
  return {
    records: list,
    read: () => list.map((r) => ({ ...r })),
    append: (record) => void list.push({ ...record }),
  }
}

/** Identifies a broadcast in its journal: the sender and the message as encoded (content type included). */
export function journalFingerprint(sender: string, encoded: Uint8Array): string {
  return bytesToHex(sha256(concatBytes(utf8ToBytes(`xmtp-kit broadcast v1\n${sender.toLowerCase()}\n`), encoded)))
}

/** What a journal says about a broadcast so far. */
export interface JournalState {
  start: { fingerprint: string; startedNs: bigint } | undefined
  /** Recipients whose message the node took, by EIP-55 address. */
  sent: Map<string, { topic: string; messageId: string | undefined }>
  /** Recipients whose send started but whose answer was never recorded: the message may or may not be stored. */
  uncertain: Set<string>
}

export function readJournalState(records: readonly unknown[]): JournalState {
  const state: JournalState = { start: undefined, sent: new Map(), uncertain: new Set() }
  for (const record of records) {
    if (!isJournalRecord(record)) continue
    if (record.type !== 'start' && !isAddress(record.address)) continue
    if (record.type === 'start') state.start ??= { fingerprint: record.fingerprint, startedNs: BigInt(record.startedNs) }
    else if (record.type === 'sending') {
      const address = getAddress(record.address)
      if (!state.sent.has(address)) state.uncertain.add(address)
    } else {
      const address = getAddress(record.address)
      state.uncertain.delete(address)
      state.sent.set(address, { topic: record.topic, messageId: record.messageId })
    }
  }
  return state
}
