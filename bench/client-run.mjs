// One measurement of `npm run bench:client`, in a fresh process (no module, JIT or client cache carried over).
// Spawned by bench/client.mjs; not meant to be run by hand. Argument: one JSON object
//   { side: 'sdk' | 'kit', backend: 'noble' | 'wasm', task: 'list' | 'messages' | 'warm-fill' | 'warm',
//     url, kitDir, nodePid, keys: hex of the wallet's exported keys, peerAddress?, cacheFile? }
// Prints one JSON line on stdout: { wallMs, cpuMs, mainCpuMs, phases: {...}, phasesCpu: {...}, count, ... } or
// { available: false, reason }. `cpuMs` is the whole process (process.cpuUsage: every thread), `mainCpuMs`
// the JavaScript thread alone (the rest is V8's optimising compiler and garbage collector threads).
// With `inspect: <dir>` in the task, each timed part is also CPU-profiled (node:inspector) into <dir>.
//
// Only the client's work is timed: the modules are imported (and the wasm backend installed) before the clock
// starts; the clock starts right before the client is created from exported keys (no wallet signature).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

const task = JSON.parse(process.argv[2])
const keys = Uint8Array.from(Buffer.from(task.keys, 'hex'))

const cpuMs = (start) => {
  const { user, system } = process.cpuUsage(start)
  return (user + system) / 1000
}

const CLK_TCK = 100 // USER_HZ on Linux
/** CPU seconds used so far by the node process (to tell the node's share from the client's). */
function nodeCpuSeconds() {
  try {
    const stat = readFileSync(`/proc/${task.nodePid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
  } catch {
    return Number.NaN
  }
}
/**
 * CPU time of the main (JavaScript) thread so far, in ms (Linux schedstat, ns precision); the rest of the
 * process's CPU time is V8's helper threads (garbage collection, optimising compiler) and libuv's pool.
 */
function mainThreadCpuMs() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
  } catch {
    return Number.NaN
  }
}
/** Busy CPU seconds of the whole machine so far (other processes running at the same time skew a run). */
function machineBusySeconds() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number)
  return (user + nice + system + irq + softirq + steal) / CLK_TCK
}

/**
 * With `task.inspect` (a folder), each timed part is also CPU-profiled through node:inspector, only while
 * timed (unlike `--profile`, which covers the whole process): <folder>/kit-<task>-<backend>-<pid>-pass<n>.cpuprofile.
 */
let inspected = 0
async function profiled(fn) {
  if (!task.inspect) return fn()
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  try {
    return await fn()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(join(task.inspect, `kit-${task.task}-${task.backend}-${process.pid}-pass${++inspected}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}

/** Runs `fn` between wall-clock and CPU marks; `mark(name)` records a phase boundary. */
async function timed(fn) {
  return profiled(() => timedOnly(fn))
}
async function timedOnly(fn) {
  const phases = {}
  const phasesCpu = {}
  const phasesMainCpu = {}
  const node0 = nodeCpuSeconds()
  const busy0 = machineBusySeconds()
  const main0 = mainThreadCpuMs()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  let last = t0
  let lastCpu = c0
  let lastMain = main0
  const mark = (name) => {
    const t = performance.now()
    const c = process.cpuUsage()
    const main = mainThreadCpuMs()
    phases[name] = Math.round((t - last) * 10) / 10
    phasesCpu[name] = Math.round((c.user + c.system - lastCpu.user - lastCpu.system) / 100) / 10
    phasesMainCpu[name] = Math.round((main - lastMain) * 10) / 10
    last = t
    lastCpu = c
    lastMain = main
  }
  const extra = await fn(mark)
  const wallMs = performance.now() - t0
  const clientCpuMs = cpuMs(c0)
  const mainCpuMs = mainThreadCpuMs() - main0
  const nodeCpuMs = (nodeCpuSeconds() - node0) * 1000
  const otherCpuMs = (machineBusySeconds() - busy0) * 1000 - clientCpuMs - nodeCpuMs
  return { wallMs, cpuMs: clientCpuMs, mainCpuMs, nodeCpuMs, otherCpuMs, phases, phasesCpu, phasesMainCpu, ...extra }
}

function textOf(content) {
  return typeof content === 'string' ? content : undefined
}

async function sdk() {
  const { Client, SortDirection } = createRequire(import.meta.url)('@xmtp/xmtp-js')
  const options = { apiUrl: task.url, env: 'local', privateKeyOverride: keys }
  if (task.task === 'list') {
    return timed(async (mark) => {
      const client = await Client.create(null, options)
      mark('create')
      const conversations = await client.conversations.list()
      mark('list')
      // As the reference inbox app does: one query per conversation for its preview (all issued at once).
      const previews = await Promise.all(
        conversations.map((c) => c.messages({ limit: 1, direction: SortDirection.SORT_DIRECTION_DESCENDING })),
      )
      mark('previews')
      return { count: conversations.length, previews: previews.filter((p) => textOf(p[0]?.content) !== undefined).length }
    })
  }
  if (task.task === 'messages') {
    const client = await Client.create(null, options)
    const conversations = await client.conversations.list()
    const conversation = conversations.find((c) => c.peerAddress.toLowerCase() === task.peerAddress.toLowerCase())
    if (!conversation) throw new Error('sdk: the conversation to read was not found')
    return timed(async (mark) => {
      const messages = await conversation.messages()
      mark('messages')
      return { count: messages.length, texts: messages.filter((m) => textOf(m.content) !== undefined).length }
    })
  }
  return { available: false, reason: 'the SDK has no warm-cache variant here' }
}

async function kit() {
  const kit = await import(pathToFileURL(join(task.kitDir, 'index.js')).href)
  if (task.backend === 'wasm') {
    const { wasmSecp256k1Backend } = await import(pathToFileURL(join(task.kitDir, 'wasm.js')).href)
    kit.setSecp256k1Backend(await wasmSecp256k1Backend())
  }
  if (kit.getSecp256k1Backend().name !== task.backend) throw new Error(`kit: backend ${kit.getSecp256k1Backend().name} is not ${task.backend}`)
  // In Node the kit's documented transport is `nodeHttpTransport` (`@xmtp-kit/client/node`); older builds
  // without it use `httpTransport` over the global fetch.
  const nodeEntry = join(task.kitDir, 'node.js')
  const transport = existsSync(nodeEntry)
    ? (await import(pathToFileURL(nodeEntry).href)).nodeHttpTransport({ url: task.url })
    : kit.httpTransport({ url: task.url })
  // Loading the wasm module is part of installing the backend (like importing the SDK): finish it before the
  // clock. Pure-JS backends get no warm-up, like the SDK.
  if (task.backend === 'wasm') kit.getSecp256k1Backend().getSharedSecret(new Uint8Array(32).fill(1), secp256k1G())

  if (task.task === 'list') {
    return timed(async (mark) => {
      const client = await kit.createClient({ nativeCrypto: false, keys, transport })
      mark('create')
      const conversations = await kit.listConversations(client)
      mark('list')
      const last = await kit.fetchLastMessages(client, { conversations })
      mark('previews')
      return { count: conversations.length, previews: [...last.values()].filter((m) => textOf(m?.content) !== undefined).length }
    })
  }
  if (task.task === 'messages') {
    const client = await kit.createClient({ nativeCrypto: false, keys, transport })
    const conversations = await kit.listConversations(client)
    const conversation = conversations.find((c) => c.peerAddress.toLowerCase() === task.peerAddress.toLowerCase())
    if (!conversation) throw new Error('kit: the conversation to read was not found')
    return timed(async (mark) => {
      const messages = await kit.listMessages(client, { conversation })
      mark('messages')
      return { count: messages.length, texts: messages.filter((m) => textOf(m.content) !== undefined).length }
    })
  }
  // Tasks 'warm-fill' and 'warm': the same inbox from a warm local cache (`createClient({ persistence })`).
  if (typeof kit.memoryPersistence !== 'function') {
    return { available: false, reason: 'createClient({ persistence }) / memoryPersistence() is not in this build of @xmtp-kit/client' }
  }
  const persistence = filePersistence(task.cacheFile)
  // What an inbox does on a restart: the full list, and each conversation's last message as the network has
  // it, from the cache where nothing is newer ('cache-then-network': one batch query asking each topic only
  // for envelopes newer than its cached preview; newer ones are downloaded, verified and decrypted).
  const openInbox = async (mark, source = 'cache-then-network') => {
    const client = await kit.createClient({ nativeCrypto: false, keys, transport, persistence })
    mark('create')
    const conversations = await kit.listConversations(client)
    mark('list')
    const last = await kit.fetchLastMessages(client, { conversations, source })
    mark('previews')
    return {
      count: conversations.length,
      previews: [...last.values()].filter((m) => textOf(m?.content) !== undefined).length,
      last,
    }
  }
  // Which message each conversation shows (digested after the clock), to check a warm answer against the
  // cold one (network only).
  const settle = ({ last, ...result }) => ({ ...result, previewIds: digestOf([...last].map(([topic, m]) => `${topic}:${m?.id ?? ''}`).sort().join('\n')) })
  if (task.task === 'warm-fill') {
    // A cold pass that fills the cache (not timed), written to a file for the measuring processes.
    const filled = settle(await openInbox(() => {}, 'network'))
    await persistence.settled()
    persistence.save()
    return { ...filled, entries: persistence.size(), bytes: persistence.bytes() }
  }
  persistence.load()
  // 1. A fresh process on the saved cache: an app restart.
  const restart = settle(await timed(openInbox))
  await persistence.settled()
  // 2. Again in the same process with a new client: modules loaded, JIT partly warm (a re-mount, a second tab's worth).
  const again = settle(await timed(openInbox))
  // 3. Passes 3 to 6, each with a new client: the steady state, once the code is optimised.
  const steady = []
  for (let i = 0; i < STEADY_PASSES; i++) {
    await persistence.settled()
    const { cpuMs, mainCpuMs, wallMs, phasesCpu, phasesMainCpu, previewIds } = settle(await timed(openInbox))
    steady.push({ cpuMs, mainCpuMs, wallMs, phasesCpu, phasesMainCpu, previewIds })
  }
  return { ...restart, again, steady }
}

/** Warm passes after "again", for the steady state. */
const STEADY_PASSES = 4

/**
 * A Persistence (get/set/delete/keys of bytes) in memory, saved to and loaded from a file outside the timed
 * part, so a cache filled in one process can be reopened cold in another. `settled()` waits until the
 * client has not written for a while (its writes are coalesced and asynchronous).
 */
function filePersistence(file) {
  let entries = new Map()
  let lastWrite = performance.now()
  const touch = () => (lastWrite = performance.now())
  return {
    get: async (key) => (entries.has(key) ? new Uint8Array(entries.get(key)) : undefined),
    set: async (key, value) => {
      entries.set(key, new Uint8Array(value))
      touch()
    },
    delete: async (key) => {
      entries.delete(key)
      touch()
    },
    keys: async (prefix) => [...entries.keys()].filter((k) => k.startsWith(prefix)),
    async settled(quietMs = 500) {
      while (performance.now() - lastWrite < quietMs) await new Promise((r) => setTimeout(r, 100))
    },
    save: () => writeFileSync(file, JSON.stringify([...entries].map(([k, v]) => [k, Buffer.from(v).toString('base64')]))),
    load: () => (entries = new Map(JSON.parse(readFileSync(file, 'utf8')).map(([k, v]) => [k, Uint8Array.from(Buffer.from(v, 'base64'))]))),
    size: () => entries.size,
    bytes: () => [...entries.values()].reduce((n, v) => n + v.length, 0),
  }
}

/** A short digest of a string (to compare answers across processes). */
function digestOf(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

// The secp256k1 generator, uncompressed (used only to warm the backend up).
function secp256k1G() {
  return Uint8Array.from(
    Buffer.from(
      '0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
      'hex',
    ),
  )
}

const result = task.side === 'sdk' ? await sdk() : await kit()
process.stdout.write(`${JSON.stringify(result)}\n`)
// The SDK keeps sockets and timers alive; the measurement is over.
process.exit(0)
