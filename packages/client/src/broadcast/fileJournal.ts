import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'
import type { BroadcastJournal, BroadcastJournalRecord } from '@xmtp-kit/client'
import { isJournalRecord } from './journalRecord.js'

export interface FileJournalParameters {
  /**
   * `fsync` after each record, so that the journal also survives a power loss or an OS crash, at the cost of
   * a disk flush per record (two per recipient). Without it a record is in the OS's cache once written, which
   * survives the process being killed (SIGKILL included). Default `false`.
   */
  sync?: boolean | undefined
}

/** A {@link BroadcastJournal} in a file, which can be closed. */
export interface FileJournal extends BroadcastJournal {
  readonly path: string
  /** Closes the file (appending opens it again). */
  close(): void
}

/**
 * A broadcast journal in a file: one JSON record per line, appended with a synchronous write before the
 * broadcast goes on, so that a process killed at any point (SIGKILL included) leaves every record it wrote.
 * A missing file is an empty journal; a torn last line (a write cut by a power loss) is skipped.
 *
 * @example
 * import { broadcast } from '@xmtp-kit/client'
 * import { fileJournal } from '@xmtp-kit/client/node'
 * const journal = fileJournal('./airdrop.journal')
 * const report = await broadcast(client, { recipients, content, journal }) // run it again after a crash: no duplicates
 * journal.close()
 */
export function fileJournal(path: string, { sync = false }: FileJournalParameters = {}): FileJournal {
  if (typeof path !== 'string' || path === '') throw new TypeError('fileJournal: path must be a file path.')
  let fd: number | undefined
  /** Whether the file ends in the middle of a line (a torn write): the next record starts on a new one. */
  let torn = false
  return {
    path,
    read() {
      if (!existsSync(path)) return []
      const text = readFileSync(path, 'utf8')
      torn = text.length > 0 && !text.endsWith('\n')
      const records: BroadcastJournalRecord[] = []
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue
        try {
          const value: unknown = JSON.parse(line)
          if (isJournalRecord(value)) records.push(value)
        } catch {
          // A torn line: the record it was is not taken as written.
        }
      }
      return records
    },
    append(record) {
      fd ??= openSync(path, 'a')
      const line = `${torn ? '\n' : ''}${JSON.stringify(record)}\n`
      torn = false
      writeSync(fd, line)
      if (sync) fsyncSync(fd)
    },
    close() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    },
  }
}
