// `npm run bench:node`: load benchmark of the local XMTP node (@xmtp-kit/node).
//
// The node runs in a child process (`packages/node/dist/cli.js`, file database with WAL in a temp folder,
// publish auth ON, rate limiter OFF) and this process generates the load over loopback HTTP with a minimal
// keep-alive client (bench/rawHttp.mjs). Every publisher has its own wallet and reuses one token, as the SDK
// does. Node memory is read from /proc/<pid>/status (VmRSS), node CPU from /proc/<pid>/stat.
//
//   node bench/node.mjs [--json] [--churn-seconds 300] [--only publish,fanout,query,churn]
//                       [--publish-seconds 10] [--fanout-seconds 10] [--fanout-rate 200] [--subscribers 100]
//                       [--query-envelopes 1000000] [--queries 5000] [--no-auth] [--db-memory] [--profile-node <dir>]
//                       [--quiet-wait 120] [--skip-build] [--node-cli <path to another build's cli.js>]
//
// --json prints only {"metrics":[{name,value,unit,target}]} on stdout (progress goes to stderr).
// --profile-node <dir> runs each node child with --cpu-prof (see bench/cpuprofile.mjs to summarise).
// --no-auth runs the node without publish auth, --db-memory with an in-memory database (diagnostics: what
// auth and the file database cost).
// Before each measurement the bench waits up to --quiet-wait seconds (0: not at all) for the rest of the
// machine to be idle, and every result line says how much CPU other processes used meanwhile.
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createTestIdentity } from './authToken.mjs'
import { openSubscription, RawConnection } from './rawHttp.mjs'
import { spawnNode } from './nodeChild.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
let NODE_CLI = join(ROOT, 'packages/node/dist/cli.js')

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'churn-seconds': { type: 'string', default: '300' },
    only: { type: 'string', default: 'publish,fanout,query,churn' },
    'publish-seconds': { type: 'string', default: '10' },
    'fanout-seconds': { type: 'string', default: '10' },
    'fanout-rate': { type: 'string', default: '200' },
    subscribers: { type: 'string', default: '100' },
    'query-envelopes': { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '5000' },
    'no-auth': { type: 'boolean', default: false },
    'db-memory': { type: 'boolean', default: false },
    'profile-node': { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'quiet-wait': { type: 'string', default: '120' },
    'node-cli': { type: 'string' },
  },
})
const JSON_MODE = opts.json
if (opts['node-cli']) NODE_CLI = resolve(opts['node-cli'])
const AUTH = !opts['no-auth']
const DB_MEMORY = opts['db-memory']
const ONLY = new Set(opts.only.split(','))
const num = (name) => {
  const n = Number(opts[name])
  if (!Number.isFinite(n) || n <= 0) throw new TypeError(`--${name} must be a positive number`)
  return n
}
const CHURN_SECONDS = num('churn-seconds')
const PUBLISH_SECONDS = num('publish-seconds')
const FANOUT_SECONDS = num('fanout-seconds')
const FANOUT_RATE = num('fanout-rate')
const SUBSCRIBERS = num('subscribers')
const QUERY_ENVELOPES = num('query-envelopes')
const QUERIES = num('queries')
const QUIET_WAIT = Number(opts['quiet-wait'])

/** Progress and notes: stdout for the human report, stderr in --json mode. */
const say = (...args) => (JSON_MODE ? console.error(...args) : console.log(...args))
const now = () => performance.now()

// ------------------------------------------------------------------------------------------------------
// Results

const metrics = []
const fmt = (value, digits = 1) =>
  value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 100 ? 0 : digits)

/** Records a metric and prints it as a table row as soon as it is known. */
function report(name, label, value, unit, target) {
  metrics.push({ name, value: Number(value.toFixed(3)), unit, target: target ? `${target.op} ${target.value}` : null })
  let verdict = ''
  if (target) {
    const ok = target.op === '>=' ? value >= target.value : value <= target.value
    verdict = ok
      ? 'pass'
      : target.op === '>='
        ? `MISS (${((1 - value / target.value) * 100).toFixed(0)}% below target)`
        : `MISS (${((value / target.value - 1) * 100).toFixed(0)}% above target)`
  }
  const targetText = target ? `${target.op === '>=' ? '≥' : '≤'} ${fmt(target.value)} ${unit}` : ''
  say(`  ${label.padEnd(52)} ${`${fmt(value)} ${unit}`.padStart(16)}   ${targetText.padEnd(18)} ${verdict}`)
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
const sortedOf = (values) => Float64Array.from(values).sort()

// ------------------------------------------------------------------------------------------------------
// The node child process

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

function build() {
  say('building packages/node (rollup)…')
  const started = now()
  const result = spawnSync('npx', ['rollup', '-c', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, XMTP_KIT_PACKAGES: 'node' },
  })
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`)
  say(`  built in ${((now() - started) / 1000).toFixed(1)} s`)
}

async function startNodeChild(label) {
  const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-bench-'))
  const db = DB_MEMORY ? ':memory:' : join(dir, 'node.db')
  const profile = opts['profile-node']
    ? ['--cpu-prof', '--cpu-prof-dir', resolve(opts['profile-node']), '--cpu-prof-name', `node-${label}-${Date.now()}.cpuprofile`]
    : []
  const { child, url, exited } = await spawnNode({
    cli: NODE_CLI,
    cliArgs: ['--port', '0', '--db', db, '--no-rate-limit', ...(AUTH ? [] : ['--no-auth'])],
    cwd: ROOT,
    label: `node ${label}`,
    nodeArgs: profile,
  })
  const { hostname: host, port } = new URL(url)
  const pid = child.pid
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status())[1])
  return {
    label,
    url,
    host,
    port: Number(port),
    pid,
    db,
    rssMb: () => kb('VmRSS') / 1024,
    hwmMb: () => kb('VmHWM') / 1024,
    /** CPU seconds (user + system) used by the node so far. */
    cpuSeconds() {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
    },
    dbBytes: () => DB_MEMORY ? 0 : ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (existsSync(db + suffix) ? statSync(db + suffix).size : 0), 0),
    async stop() {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Busy and I/O-wait CPU seconds of the whole machine so far (first line of /proc/stat). */
function machineCpu() {
  const [, user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number)
  return { busy: (user + nice + system + irq + softirq + steal) / CLK_TCK, iowait: iowait / CLK_TCK }
}

/**
 * Measures wall time, node CPU, load-generator CPU and what the rest of the machine used over `fn` (the
 * benchmark shares two cores; anything else running skews it, so it is reported).
 */
async function measured(node, fn) {
  const nodeCpu0 = node.cpuSeconds()
  const clientCpu0 = process.cpuUsage()
  const machine0 = machineCpu()
  const t0 = now()
  const result = await fn()
  const seconds = (now() - t0) / 1000
  const clientCpu = process.cpuUsage(clientCpu0)
  const machine1 = machineCpu()
  const nodeCpu = (node.cpuSeconds() - nodeCpu0) / seconds
  const client = (clientCpu.user + clientCpu.system) / 1e6 / seconds
  return {
    result,
    seconds,
    nodeCpu,
    clientCpu: client,
    otherCpu: Math.max(0, (machine1.busy - machine0.busy) / seconds - nodeCpu - client),
    iowait: (machine1.iowait - machine0.iowait) / seconds,
  }
}
/**
 * Waits (up to `maxSeconds`) until the rest of the machine has been quiet for a second — less than 15% of a
 * core busy besides the node — so that another job's burst does not land in a measurement.
 */
async function waitQuiet(node, maxSeconds = QUIET_WAIT) {
  if (!(maxSeconds > 0)) return
  const deadline = now() + maxSeconds * 1000
  let warned = false
  for (;;) {
    const m0 = machineCpu()
    const n0 = node.cpuSeconds()
    const c0 = process.cpuUsage()
    await sleep(1000)
    const c = process.cpuUsage(c0)
    const other = machineCpu().busy - m0.busy - (node.cpuSeconds() - n0) - (c.user + c.system) / 1e6
    if (other < 0.15) return
    if (now() > deadline) {
      say(`    (the machine is still busy: other processes use ${(other * 100).toFixed(0)}% of a core; measuring anyway)`)
      return
    }
    if (!warned) {
      warned = true
      say(`    (other processes use ${(other * 100).toFixed(0)}% of a core; waiting up to ${maxSeconds} s for the machine to be quiet)`)
    }
  }
}

const cpuNote = (m) =>
  `node CPU ${(m.nodeCpu * 100).toFixed(0)}% of a core, load generator ${(m.clientCpu * 100).toFixed(0)}%, other processes ${(m.otherCpu * 100).toFixed(0)}%, iowait ${(m.iowait * 100).toFixed(0)}%`

// ------------------------------------------------------------------------------------------------------
// Payloads

const randomTopic = () => `/xmtp/0/m-${randomBytes(32).toString('hex')}/proto`
const MESSAGE_BYTES = 150

/** Unique ~150-byte messages: a random block with a counter in its first 8 bytes. */
function messageFactory() {
  const bytes = randomBytes(MESSAGE_BYTES)
  let counter = 0
  return () => {
    bytes.writeUInt32BE(++counter, 0)
    return bytes.toString('base64')
  }
}

const envelopeJson = (topic, timestampNs, message) =>
  `{"contentTopic":"${topic}","timestampNs":"${timestampNs}","message":"${message}"}`
const publishBody = (topic, message) => `{"envelopes":[${envelopeJson(topic, `${Date.now()}000000`, message)}]}`

async function makePublishers(count) {
  const identities = await Promise.all(Array.from({ length: count }, () => createTestIdentity()))
  return identities.map((identity) => ({ identity, authorization: AUTH ? identity.authorization() : undefined }))
}

const connect = (node, publisher) =>
  new RawConnection({ host: node.host, port: node.port, authorization: publisher?.authorization })

async function publishOne(connection, topic, message) {
  const { status, body } = await connection.post('/message/v1/publish', publishBody(topic, message))
  if (status !== 200) throw new Error(`publish answered ${status}: ${body.toString().slice(0, 200)}`)
}

// ------------------------------------------------------------------------------------------------------
// 1. Publish throughput

async function publishThroughput(node, publisherCount, seconds) {
  const publishers = await makePublishers(publisherCount)
  const topics = Array.from({ length: 1000 }, randomTopic)
  const loops = publishers.map((publisher) => ({ connection: connect(node, publisher), message: messageFactory() }))
  const run = async (durationMs, latencies) => {
    const end = now() + durationMs
    let count = 0
    await Promise.all(
      loops.map(async ({ connection, message }) => {
        while (now() < end) {
          const t0 = now()
          await publishOne(connection, topics[(Math.random() * topics.length) | 0], message())
          latencies?.push(now() - t0)
          count++
        }
      }),
    )
    return count
  }
  await run(1000) // warm-up: JIT, connections, first token verification per publisher
  await waitQuiet(node)
  const latencies = []
  const m = await measured(node, () => run(seconds * 1000, latencies))
  for (const { connection } of loops) connection.close()
  const sorted = sortedOf(latencies)
  return { rate: m.result / m.seconds, count: m.result, p50: percentile(sorted, 50), p99: percentile(sorted, 99), m }
}

// ------------------------------------------------------------------------------------------------------
// 2. Fan-out latency

async function fanout(node, subscriberCount, rate, seconds) {
  const topic = randomTopic()
  const [publisher] = await makePublishers(1)
  const sentAt = new Map()
  const latencies = []
  let deliveries = 0
  const warmupMessages = Math.round(rate) // the first second is warm-up
  const seqOf = new Map()
  const onLine = (line, arrivedAt) => {
    const start = line.indexOf('"message":"') + 11
    const message = line.slice(start, line.indexOf('"', start))
    const t0 = sentAt.get(message)
    if (t0 === undefined) return
    deliveries++
    if (seqOf.get(message) >= warmupMessages) latencies.push(arrivedAt - t0)
  }
  const sockets = []
  for (let i = 0; i < subscriberCount; i++) {
    sockets.push(await openSubscription({ host: node.host, port: node.port, topics: [topic], onLine, now }))
  }
  await waitQuiet(node)
  // Open loop at `rate` publishes/s; a few connections so a slow answer does not delay the next send.
  const connections = Array.from({ length: 4 }, () => connect(node, publisher))
  const idle = [...connections]
  const message = messageFactory()
  const total = warmupMessages + Math.round(rate * seconds)
  let errors = 0
  const m = await measured(node, async () => {
    const start = now()
    const inFlight = []
    for (let seq = 0; seq < total; seq++) {
      const due = start + (seq * 1000) / rate
      const wait = due - now()
      if (wait > 1) await sleep(wait)
      while (idle.length === 0) await sleep(1)
      const connection = idle.pop()
      const body = message()
      seqOf.set(body, seq)
      sentAt.set(body, now())
      inFlight.push(
        publishOne(connection, topic, body)
          .catch(() => errors++)
          .finally(() => idle.push(connection)),
      )
    }
    await Promise.all(inFlight)
    // Let the last lines arrive.
    const deadline = now() + 2000
    while (deliveries < total * subscriberCount && now() < deadline) await sleep(10)
  })
  for (const socket of sockets) socket.destroy()
  for (const connection of connections) connection.close()
  const sorted = sortedOf(latencies)
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
    missing: total * subscriberCount - deliveries,
    samples: sorted.length,
    errors,
    m,
  }
}

// ------------------------------------------------------------------------------------------------------
// 3. Query latency on a large store

const SEED_BASE_NS = 1_700_000_000_000_000_000n

async function seed(node, envelopeCount) {
  const perTopic = 100
  const topicCount = Math.ceil(envelopeCount / perTopic)
  const topics = Array.from({ length: topicCount }, randomTopic)
  const base = randomBytes(MESSAGE_BYTES)
  /** Message bytes of the r-th envelope of topic t (deterministic, so cursors can be computed here). */
  const messageBytes = (t, r) => {
    const bytes = Buffer.from(base)
    bytes.writeUInt32BE(t, 0)
    bytes.writeUInt32BE(r, 4)
    return bytes
  }
  const timestampNs = (t, r) => SEED_BASE_NS + BigInt(r) * 1_000_000_000n + BigInt(t) * 1000n
  const [publisher] = await makePublishers(1)
  const BATCH = 1000
  // Round-robin over topics, as live traffic interleaves conversations: a topic's rows are spread
  // across the table rather than stored next to each other.
  let next = 0
  const nextBody = () => {
    if (next >= envelopeCount) return undefined
    const parts = []
    for (const end = Math.min(envelopeCount, next + BATCH); next < end; next++) {
      const t = next % topicCount
      const r = Math.floor(next / topicCount)
      parts.push(envelopeJson(topics[t], timestampNs(t, r), messageBytes(t, r).toString('base64')))
    }
    return `{"envelopes":[${parts.join(',')}]}`
  }
  let lastReport = now()
  const m = await measured(node, () =>
    Promise.all(
      [0, 1].map(async () => {
        const connection = connect(node, publisher)
        for (let body = nextBody(); body !== undefined; body = nextBody()) {
          const { status, body: answer } = await connection.post('/message/v1/publish', body)
          if (status !== 200) throw new Error(`seed publish answered ${status}: ${answer.toString().slice(0, 200)}`)
          if (now() - lastReport > 5000) {
            lastReport = now()
            say(`    seeded ${next.toLocaleString('en-US')} envelopes…`)
          }
        }
        connection.close()
      }),
    ),
  )
  return { topics, perTopic, messageBytes, timestampNs, m }
}

async function queryLatency(node, seeded, queryCount) {
  const { topics, perTopic, messageBytes, timestampNs } = seeded
  const connection = new RawConnection({ host: node.host, port: node.port })
  const kinds = ['desc', 'desc', 'asc', 'desc-cursor', 'asc-cursor']
  const makeQuery = (i) => {
    const kind = kinds[i % kinds.length]
    const t = (Math.random() * topics.length) | 0
    const topic = topics[t]
    const ascending = kind.startsWith('asc')
    let cursor = ''
    let expected = perTopic
    if (kind.endsWith('cursor')) {
      const r = 1 + ((Math.random() * (perTopic - 2)) | 0)
      const digest = createHash('sha256').update(topic).update(messageBytes(t, r)).digest('base64')
      cursor = `,"cursor":{"index":{"digest":"${digest}","senderTimeNs":"${timestampNs(t, r)}"}}`
      expected = ascending ? perTopic - 1 - r : r
    }
    const direction = ascending ? 'SORT_DIRECTION_ASCENDING' : 'SORT_DIRECTION_DESCENDING'
    return {
      kind,
      expected,
      body: `{"contentTopics":["${topic}"],"pagingInfo":{"limit":100,"direction":"${direction}"${cursor}}}`,
    }
  }
  const run = async (count, byKind) => {
    for (let i = 0; i < count; i++) {
      const { kind, expected, body } = makeQuery(i)
      const t0 = now()
      const { status, body: answer } = await connection.post('/message/v1/query', body)
      const ms = now() - t0
      if (status !== 200) throw new Error(`query answered ${status}: ${answer.toString().slice(0, 200)}`)
      const got = JSON.parse(answer).envelopes.length
      if (got !== expected) throw new Error(`query (${kind}) returned ${got} envelopes, expected ${expected}`)
      byKind?.all.push(ms)
      byKind?.[kind].push(ms)
    }
  }
  await run(500) // warm-up
  await waitQuiet(node)
  const byKind = Object.fromEntries(['all', ...kinds].map((k) => [k, []]))
  const m = await measured(node, () => run(queryCount, byKind))
  connection.close()
  const stats = Object.fromEntries(
    Object.entries(byKind).map(([k, v]) => {
      const sorted = sortedOf(v)
      return [k, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) }]
    }),
  )
  return { stats, m }
}

// ------------------------------------------------------------------------------------------------------
// 4. RSS under publish + subscribe churn

async function churn(node, warmupSeconds, churnSeconds) {
  const TOPICS = 1000
  const PUBLISHERS = 10
  const PUBLISH_RATE = 1000 // envelopes/s in total
  const SUBSCRIBERS_LIVE = 200
  const topics = Array.from({ length: TOPICS }, randomTopic)
  const hot = topics[0]
  const publishers = await makePublishers(PUBLISHERS)
  let running = true
  const counts = { published: 0, publishErrors: 0, subscriptions: 0, subscribeErrors: 0, lines: 0 }

  const publisherLoops = publishers.map(async (publisher) => {
    const connection = connect(node, publisher)
    const message = messageFactory()
    const interval = (1000 * PUBLISHERS) / PUBLISH_RATE
    let due = now()
    while (running) {
      // 10% of the traffic goes to one hot topic, the rest is spread over the pool.
      const topic = Math.random() < 0.1 ? hot : topics[(Math.random() * TOPICS) | 0]
      try {
        await publishOne(connection, topic, message())
        counts.published++
      } catch {
        counts.publishErrors++
      }
      due += interval
      const wait = due - now()
      if (wait > 1) await sleep(wait)
      else if (wait < -1000) due = now() // fell behind by more than a second: do not burst
    }
    connection.close()
  })

  // Subscribers: always ~SUBSCRIBERS_LIVE connected, each living 0.2–5 s then hanging up (socket destroyed,
  // as a closed tab or a killed app does), replaced at once. 1 in 20 stops reading while connected.
  const live = new Set()
  const subscriberLoop = async () => {
    while (running) {
      const chosen =
        Math.random() < 0.1
          ? [hot]
          : Array.from({ length: 1 + ((Math.random() * 5) | 0) }, () => topics[(Math.random() * TOPICS) | 0])
      let socket
      try {
        socket = await openSubscription({
          host: node.host,
          port: node.port,
          topics: chosen,
          onLine: () => counts.lines++,
          now,
        })
      } catch {
        counts.subscribeErrors++
        await sleep(50)
        continue
      }
      counts.subscriptions++
      live.add(socket)
      if (Math.random() < 0.05) socket.pause()
      await sleep(200 + Math.random() * 4800)
      socket.destroy()
      live.delete(socket)
    }
  }
  const subscriberLoops = Array.from({ length: SUBSCRIBERS_LIVE }, subscriberLoop)

  const samples = [] // [seconds since start of churn phase, rss MB]
  const t0 = now()
  const sampler = setInterval(() => samples.push([(now() - t0) / 1000, node.rssMb()]), 1000)
  const median = (values) => sortedOf(values)[Math.floor(values.length / 2)]
  const lastSamples = (n) => median(samples.slice(-n).map(([, rss]) => rss))

  await sleep(warmupSeconds * 1000)
  const before = lastSamples(5)
  const beforeCounts = { ...counts }
  const nodeCpu0 = node.cpuSeconds()
  const clientCpu0 = process.cpuUsage()
  const machine0 = machineCpu()
  say(`    warm-up ${warmupSeconds} s done: RSS ${before.toFixed(1)} MB; churning for ${churnSeconds} s…`)
  const churnStart = samples.length
  let nextProgress = now() + 30_000
  const churnEnd = now() + churnSeconds * 1000
  while (now() < churnEnd) {
    await sleep(Math.min(1000, churnEnd - now()))
    if (now() >= nextProgress) {
      nextProgress += 30_000
      say(
        `    ${((now() - t0) / 1000 - warmupSeconds).toFixed(0)} s: RSS ${node.rssMb().toFixed(1)} MB, ${live.size} subscribers live, ${(
          counts.published - beforeCounts.published
        ).toLocaleString('en-US')} published, ${(counts.subscriptions - beforeCounts.subscriptions).toLocaleString('en-US')} subscriptions`,
      )
    }
  }
  const after = lastSamples(5)
  const nodeCpu = (node.cpuSeconds() - nodeCpu0) / churnSeconds
  const clientCpuUsage = process.cpuUsage(clientCpu0)
  const clientCpu = (clientCpuUsage.user + clientCpuUsage.system) / 1e6 / churnSeconds
  const otherCpu = Math.max(0, (machineCpu().busy - machine0.busy) / churnSeconds - nodeCpu - clientCpu)
  const churnSamples = samples.slice(churnStart)
  running = false
  for (const socket of live) socket.destroy()
  await Promise.all([...publisherLoops, ...subscriberLoops])
  await sleep(5000)
  const idle = node.rssMb()
  clearInterval(sampler)
  // Least-squares slope of RSS over the churn period, MB per minute.
  const n = churnSamples.length
  const mx = churnSamples.reduce((s, [x]) => s + x, 0) / n
  const my = churnSamples.reduce((s, [, y]) => s + y, 0) / n
  const slope =
    (churnSamples.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / churnSamples.reduce((s, [x]) => s + (x - mx) ** 2, 0)) * 60
  return {
    before,
    after,
    idle,
    peak: node.hwmMb(),
    min: Math.min(...churnSamples.map(([, y]) => y)),
    max: Math.max(...churnSamples.map(([, y]) => y)),
    slope,
    nodeCpu,
    clientCpu,
    otherCpu,
    published: counts.published - beforeCounts.published,
    subscriptions: counts.subscriptions - beforeCounts.subscriptions,
    lines: counts.lines - beforeCounts.lines,
    publishErrors: counts.publishErrors,
    subscribeErrors: counts.subscribeErrors,
    dbMb: node.dbBytes() / 1e6,
    config: { TOPICS, PUBLISHERS, PUBLISH_RATE, SUBSCRIBERS_LIVE },
  }
}

// ------------------------------------------------------------------------------------------------------

async function main() {
  if (!opts['skip-build'] && !opts['node-cli']) build()
  say(
    `\nxmtp-kit node benchmark — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()})`,
  )
  say(
    `node: child process (${opts['node-cli'] ? NODE_CLI : 'dist/cli.js'}), ${DB_MEMORY ? 'IN-MEMORY database (--db-memory)' : 'file database in a temp dir (WAL, synchronous=normal)'}, publish auth ${
      AUTH ? 'ON (one cached token per publisher)' : 'OFF (--no-auth)'
    }, rate limiter OFF (--no-rate-limit)`,
  )
  say(`  ${'metric'.padEnd(52)} ${'value'.padStart(16)}   ${'target'.padEnd(18)} result`)

  if (ONLY.has('publish') || ONLY.has('fanout')) {
    const node = await startNodeChild('publish')
    try {
      if (ONLY.has('publish')) {
        for (const publishers of [1, 50]) {
          const r = await publishThroughput(node, publishers, PUBLISH_SECONDS)
          report(
            `publish_throughput_${publishers}_publisher${publishers > 1 ? 's' : ''}`,
            `publish throughput, ${publishers} publisher${publishers > 1 ? 's' : ''}`,
            r.rate,
            'envelopes/s',
            { op: '>=', value: 5000 },
          )
          say(
            `      ${r.count.toLocaleString('en-US')} publishes in ${r.m.seconds.toFixed(1)} s, request latency p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms; ${cpuNote(r.m)}`,
          )
        }
      }
      if (ONLY.has('fanout')) {
        const r = await fanout(node, SUBSCRIBERS, FANOUT_RATE, FANOUT_SECONDS)
        report('fanout_latency_p50', `fan-out latency p50 (${SUBSCRIBERS} subscribers, ${FANOUT_RATE}/s)`, r.p50, 'ms', { op: '<=', value: 20 })
        report('fanout_latency_p99', `fan-out latency p99 (${SUBSCRIBERS} subscribers, ${FANOUT_RATE}/s)`, r.p99, 'ms', { op: '<=', value: 100 })
        say(
          `      ${r.samples.toLocaleString('en-US')} deliveries timed, max ${r.max.toFixed(1)} ms, ${r.missing} missing, ${r.errors} publish errors; ${cpuNote(r.m)}`,
        )
      }
    } finally {
      await node.stop()
    }
  }

  if (ONLY.has('query')) {
    const node = await startNodeChild('query')
    try {
      say(`    seeding ${QUERY_ENVELOPES.toLocaleString('en-US')} envelopes (1000 per publish, 100 per topic)…`)
      const seeded = await seed(node, QUERY_ENVELOPES)
      report('seed_throughput_batched', 'batched publish (1000/request) while seeding', QUERY_ENVELOPES / seeded.m.seconds, 'envelopes/s')
      say(
        `      ${seeded.topics.length.toLocaleString('en-US')} topics in ${seeded.m.seconds.toFixed(1)} s, database ${(node.dbBytes() / 1e6).toFixed(0)} MB, node RSS ${node.rssMb().toFixed(0)} MB; ${cpuNote(seeded.m)}`,
      )
      const r = await queryLatency(node, seeded, QUERIES)
      const label = `${(QUERY_ENVELOPES / 1e6).toLocaleString('en-US')}M envelopes stored`
      report('query_latency_p50', `query latency p50 (${label})`, r.stats.all.p50, 'ms')
      report('query_latency_p99', `query latency p99 (${label})`, r.stats.all.p99, 'ms', { op: '<=', value: 10 })
      say(
        `      ${QUERIES.toLocaleString('en-US')} sequential queries (limit 100) in ${r.m.seconds.toFixed(1)} s, max ${r.stats.all.max.toFixed(1)} ms; ${cpuNote(r.m)}`,
      )
      for (const kind of ['desc', 'asc', 'desc-cursor', 'asc-cursor']) {
        const s = r.stats[kind]
        say(`        ${kind.padEnd(12)} p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  max ${s.max.toFixed(1)} ms`)
      }
    } finally {
      await node.stop()
    }
  }

  if (ONLY.has('churn')) {
    const node = await startNodeChild('churn')
    try {
      const warmup = Math.max(10, Math.min(60, Math.round(CHURN_SECONDS / 5)))
      if (warmup < 60) say(`    (a ${warmup} s warm-up is too short for the node's heap to settle: the RSS growth below is only indicative)`)
      const r = await churn(node, warmup, CHURN_SECONDS)
      say(
        `    churn: ${r.config.PUBLISHERS} publishers at ${r.config.PUBLISH_RATE} envelopes/s total over ${r.config.TOPICS} topics, ~${r.config.SUBSCRIBERS_LIVE} subscribers connected, each for 0.2–5 s`,
      )
      report('rss_before_churn', `node RSS after ${warmup} s warm-up`, r.before, 'MB')
      report('rss_after_churn', `node RSS after ${CHURN_SECONDS} s churn`, r.after, 'MB')
      report('rss_growth_churn', `node RSS growth over the churn`, ((r.after - r.before) / r.before) * 100, '%', { op: '<=', value: 20 })
      say(
        `      ${r.published.toLocaleString('en-US')} published, ${r.subscriptions.toLocaleString('en-US')} subscriptions opened and closed, ${r.lines.toLocaleString('en-US')} lines delivered, ${r.publishErrors} publish / ${r.subscribeErrors} subscribe errors`,
      )
      say(
        `      RSS during churn min ${r.min.toFixed(1)} / max ${r.max.toFixed(1)} MB, trend ${r.slope >= 0 ? '+' : ''}${r.slope.toFixed(2)} MB/min, peak (VmHWM) ${r.peak.toFixed(1)} MB, ${r.idle.toFixed(1)} MB 5 s after the load stopped; node CPU ${(r.nodeCpu * 100).toFixed(0)}% of a core, load generator ${(r.clientCpu * 100).toFixed(0)}%, other processes ${(r.otherCpu * 100).toFixed(0)}%; database ${r.dbMb.toFixed(0)} MB`,
      )
    } finally {
      await node.stop()
    }
  }

  if (JSON_MODE) process.stdout.write(`${JSON.stringify({ metrics })}\n`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
