// Diagnostic micro-benchmark behind docs/benchmarks.md: how fast SQLite stores envelopes with the node's
// schema and pragmas (copied from packages/node/src/store.ts — keep in sync), one envelope per transaction
// as a single-envelope publish does, and what some storage changes would buy. No HTTP, no node process.
//
//   node bench/store-insert.mjs [--rows 40000] [--rounds 3] [--variants default,exclusive,...]
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

const require = createRequire(new URL('../packages/node/package.json', import.meta.url))
const Database = require('better-sqlite3')

// --- schema and pragmas exactly as packages/node/src/store.ts (openStore) ---
function openDb(path, extraPragmas = []) {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  for (const pragma of extraPragmas) db.pragma(pragma)
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
  const insertOne = db.prepare('INSERT OR IGNORE INTO envelopes (digest, topic, ts, message) VALUES (?, ?, ?, ?)')
  const insertMany = db.transaction((envelopes) => {
    for (const e of envelopes) insertOne.run(e.digest, e.topic, e.ts, e.message)
  })
  return { db, insertMany }
}

if (!isMainThread) {
  // Checkpointer thread for the `checkpoint-thread` variant: its own connection, PASSIVE checkpoints.
  const db = new Database(workerData.path)
  db.pragma('busy_timeout = 5000')
  let stop = false
  parentPort.on('message', () => {
    stop = true
  })
  const tick = () => {
    if (stop) {
      db.close()
      parentPort.postMessage('closed')
      return
    }
    db.pragma('wal_checkpoint(PASSIVE)')
    setTimeout(tick, 50)
  }
  tick()
} else {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      variants: { type: 'string' },
    },
  })
  const SHIFT = 1n << 63n
  const topics = Array.from({ length: 10_000 }, () => `/xmtp/0/m-${randomBytes(32).toString('hex')}/proto`)
  const makeEnvelopes = (n) =>
    Array.from({ length: n }, () => {
      const topic = topics[(Math.random() * topics.length) | 0]
      const message = randomBytes(150)
      return {
        topic,
        message,
        ts: BigInt(Date.now()) * 1_000_000n - SHIFT,
        digest: createHash('sha256').update(topic).update(message).digest(),
      }
    })

  const variants = {
    default: { pragmas: [], batch: 1, note: 'as the node does it: one envelope per transaction' },
    memory: { pragmas: [], batch: 1, memory: true, note: "':memory:' database" },
    exclusive: { pragmas: ['locking_mode = EXCLUSIVE'], batch: 1, note: 'PRAGMA locking_mode = EXCLUSIVE' },
    'checkpoint-thread': {
      pragmas: ['wal_autocheckpoint = 0'],
      batch: 1,
      checkpointThread: true,
      note: 'checkpoints moved to a worker thread (PASSIVE every 50 ms)',
    },
    'no-checkpoint': { pragmas: ['wal_autocheckpoint = 0'], batch: 1, note: 'no checkpoint at all (upper bound)' },
    'group-10': { pragmas: [], batch: 10, note: '10 envelopes per transaction (group commit)' },
  }

  async function runVariant(name, rows) {
    const v = variants[name]
    const dir = mkdtempSync(join(tmpdir(), 'store-insert-'))
    const path = v.memory ? ':memory:' : join(dir, 'node.db')
    const { db, insertMany } = openDb(path, v.pragmas)
    const worker = v.checkpointThread ? new Worker(new URL(import.meta.url), { workerData: { path } }) : undefined
    const envelopes = makeEnvelopes(rows)
    const warm = 2000
    for (let i = 0; i < warm; i += v.batch) insertMany(envelopes.slice(i, i + v.batch))
    let worst = 0
    const t0 = performance.now()
    for (let i = warm; i < rows; i += v.batch) {
      const s = performance.now()
      insertMany(envelopes.slice(i, i + v.batch))
      worst = Math.max(worst, performance.now() - s)
      // Yield now and then, as a server's event loop would (lets the checkpointer thread run).
      if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    const seconds = (performance.now() - t0) / 1000
    if (worker) {
      worker.postMessage('stop')
      await new Promise((resolve) => worker.once('message', resolve))
      await worker.terminate()
    }
    db.close()
    rmSync(dir, { recursive: true, force: true })
    return { rate: (rows - warm) / seconds, worst }
  }

  {
    const rows = Number(values.rows ?? 40_000)
    const names = values.variants ? values.variants.split(',') : Object.keys(variants)
    const results = Object.fromEntries(names.map((n) => [n, []]))
    // CPU the rest of the machine used meanwhile (/proc/stat, in USER_HZ = 100 ticks/s): background load skews this.
    const machineBusy = () => {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
      return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / 100
    }
    const busy0 = machineBusy()
    const own0 = process.cpuUsage()
    const t0 = performance.now()
    // Interleave the variants round by round so that background load hits them alike.
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const name of names) results[name].push(await runVariant(name, rows))
    }
    const seconds = (performance.now() - t0) / 1000
    const own = process.cpuUsage(own0)
    const other = (machineBusy() - busy0 - (own.user + own.system) / 1e6) / seconds
    console.log(
      `${rows.toLocaleString('en-US')} envelopes into a fresh database per run, median of ${values.rounds} runs (other processes used ${Math.max(0, other * 100).toFixed(0)}% of a core meanwhile):`,
    )
    for (const name of names) {
      const sorted = results[name].map((r) => r.rate).sort((a, b) => a - b)
      const median = sorted[sorted.length >> 1]
      const worst = Math.max(...results[name].map((r) => r.worst))
      console.log(
        `  ${name.padEnd(18)} ${Math.round(median).toLocaleString('en-US').padStart(8)} envelopes/s  (${(1e6 / median).toFixed(0)} µs each, slowest transaction ${worst.toFixed(1)} ms)  ${variants[name].note}`,
      )
    }
  }
}
