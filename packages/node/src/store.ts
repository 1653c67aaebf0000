import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { Envelope, IndexCursor } from './json.js'

/** The node's message id and dedupe key: `sha256(utf8(contentTopic) || message)`. */
export function computeDigest(envelope: Envelope): Uint8Array {
  return new Uint8Array(createHash('sha256').update(envelope.contentTopic).update(envelope.message).digest())
}

export interface StoredEnvelope extends Envelope {
  digest: Uint8Array
}

export interface StoreQuery {
  topics: string[]
  startTimeNs: bigint
  endTimeNs: bigint
  ascending: boolean
  cursor: IndexCursor | undefined
  limit: number
}

export interface EnvelopeStore {
  /** Stores the envelopes in one transaction; duplicates (same digest) are ignored. */
  insert(envelopes: readonly StoredEnvelope[]): void
  query(query: StoreQuery): StoredEnvelope[]
  count(): number
  /** Query statements prepared and cached (bounded by the statement shapes, whatever the queries). */
  readonly preparedStatements: number
  /** Closes the database; resolves once the checkpoint thread has closed its connection too. */
  close(): Promise<void>
}

export type Synchronous = 'normal' | 'full'

/**
 * SQLite stores timestamps as signed 64-bit integers; shifting by 2^63 keeps the full uint64 range and its
 * order.
 */
const SHIFT = 1n << 63n

/** How often the checkpoint thread folds the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 100
const toSql = (ns: bigint) => ns - SHIFT
const fromSql = (value: bigint) => value + SHIFT

interface Row {
  topic: string
  ts: bigint
  digest: Buffer
  message: Buffer
}

/**
 * Opens (creating if needed) the envelope database. WAL journal: every acknowledged publish has been
 * committed before the node answers, so a killed process loses nothing; `synchronous: 'full'` also
 * survives a power cut at the cost of an fsync per commit.
 */
export function openStore(path: string, { synchronous = 'normal' }: { synchronous?: Synchronous } = {}): EnvelopeStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('busy_timeout = 5000')
  db.exec(`
    CREATE TABLE IF NOT EXISTS envelopes (
      id INTEGER PRIMARY KEY,
      digest BLOB NOT NULL UNIQUE,
      topic TEXT NOT NULL,
      ts INTEGER NOT NULL,
      message BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS envelopes_by_topic_time ON envelopes (topic, ts, digest);
  `)

  // WAL checkpoints (and their fsyncs) run on a worker thread with its own connection, not inside the
  // COMMIT of whichever publish happens to cross the threshold on the node's event loop. Durability is the
  // same: every commit is in the WAL before the node answers.
  let checkpointer: Worker | undefined
  if (path !== ':memory:') {
    db.pragma('wal_autocheckpoint = 0')
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3')
    checkpointer = new Worker(
      `const Database = require(${JSON.stringify(sqlite)})
       const { parentPort } = require('node:worker_threads')
       const db = new Database(${JSON.stringify(path)})
       db.pragma('busy_timeout = 5000')
       const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} }, ${CHECKPOINT_INTERVAL_MS})
       parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close() })`,
      { eval: true },
    )
    checkpointer.unref()
    // Checkpoints are an optimisation: a failing one must not take the node down (the next start replays the WAL).
    checkpointer.on('error', () => {})
  }

  const insertOne = db.prepare('INSERT OR IGNORE INTO envelopes (digest, topic, ts, message) VALUES (?, ?, ?, ?)')
  const insertMany = db.transaction((envelopes: readonly StoredEnvelope[]) => {
    for (const e of envelopes) insertOne.run(e.digest, e.contentTopic, toSql(e.timestampNs), e.message)
  })
  const countStatement = db.prepare('SELECT count(*) AS n FROM envelopes').pluck()

  // Every query takes one of a few statement shapes (one topic or a JSON array of topics; optional start, end and
  // cursor; a direction), whatever its topic count: the cache holds at most 48 statements. A shape per topic
  // count let any client fill memory with prepared statements.
  const statements = new Map<string, Database.Statement>()
  const prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql).safeIntegers(true)
      statements.set(sql, statement)
    }
    return statement
  }

  return {
    insert(envelopes) {
      if (envelopes.length > 0) insertMany(envelopes)
    },
    query({ topics, startTimeNs, endTimeNs, ascending, cursor, limit }) {
      const where = [topics.length === 1 ? 'topic = ?' : 'topic IN (SELECT value FROM json_each(?))']
      const params: unknown[] = [topics.length === 1 ? topics[0] : JSON.stringify(topics)]
      if (startTimeNs !== 0n) {
        where.push('ts >= ?')
        params.push(toSql(startTimeNs))
      }
      if (endTimeNs !== 0n) {
        where.push('ts <= ?')
        params.push(toSql(endTimeNs))
      }
      const op = ascending ? '>' : '<'
      if (cursor && cursor.senderTimeNs !== 0n) {
        where.push(`(ts, digest) ${op} (?, ?)`)
        params.push(toSql(cursor.senderTimeNs), cursor.digest)
      } else if (cursor) {
        where.push(`digest ${op} ?`)
        params.push(cursor.digest)
      }
      const order = ascending ? 'ASC' : 'DESC'
      const sql = `SELECT topic, ts, digest, message FROM envelopes WHERE ${where.join(' AND ')} ORDER BY ts ${order}, digest ${order} LIMIT ?`
      params.push(limit)
      const rows = prepare(sql).all(...params) as Row[]
      return rows.map((row) => ({
        contentTopic: row.topic,
        timestampNs: fromSql(row.ts),
        digest: row.digest,
        message: row.message,
      }))
    },
    count() {
      return Number(countStatement.get())
    },
    get preparedStatements() {
      return statements.size
    },
    async close() {
      const worker = checkpointer
      checkpointer = undefined
      if (db.open) db.close()
      if (worker) {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
        worker.postMessage('stop')
        await exited
      }
    },
  }
}
