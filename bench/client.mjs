// `npm run bench:client`: @xmtp-kit/client against the official SDK (@xmtp/xmtp-js 13.0.4), same node, same run.
//
// A local node (`packages/node/dist/cli.js`, file database in a temp folder, rate limiter off) runs in a child
// process. It is seeded (not measured) with an inbox owner and N peers that each start a conversation with
// the owner and send one message, and with a reader that receives M messages from one peer in one
// conversation. Then, each measurement in a fresh process (bench/client-run.mjs: nothing cached, cold JIT),
// alternating SDK / kit (noble) / kit (wasm), `--runs` times; medians are reported:
//   (a) cold inbox: create the client from exported keys (no signature), list the N conversations and get each
//       one's last message. SDK: `conversations.list()` + `messages({ limit: 1, desc })` per conversation (as
//       the reference inbox app does); kit: `listConversations` + `fetchLastMessages` (batch query).
//   (b) the same from a warm local cache (kit only; needs `createClient({ persistence })` and the client's
//       `memoryPersistence` export, else reported as not available): what an inbox does when it is opened
//       again: create the client from keys with the saved cache, list the conversations (invitations newer
//       than the cache only), and show each one's last message as the network has it: `fetchLastMessages`
//       with `source: 'cache-then-network'` (one batch query asking each topic only for what is newer than
//       its cached preview; the answers are checked against the cold pass's). Measured in a fresh process
//       on the saved cache ("restart": module loading and JIT warm-up included), again with a new client
//       in the same process ("again"), and over four more passes ("steady").
//   (c) decrypt and verify the M messages of one conversation: SDK `conversation.messages()` vs kit
//       `listMessages`.
//
//   node bench/client.mjs [--json] [--conversations 1000] [--messages 10000] [--runs 3]
//                         [--only list,warm,messages] [--sides sdk,noble,wasm] [--skip-build]
//                         [--db <file>] [--profile <dir>]
//
// --json prints only {"metrics":[{name,value,unit,target}]} on stdout (progress goes to stderr).
// --db <file> keeps the seeded node database (and <file>.seed.json) and reuses it on the next run with the
//   same --conversations/--messages, to skip seeding.
// --kit-dir <dir> measures another build of the client (a folder with index.js and wasm.js that resolves the
//   client's dependencies, e.g. under packages/client/node_modules/.cache/) instead of packages/client/dist.
// --profile <dir> runs each kit measurement with `node --cpu-prof` into <dir> (summarise with
//   `node bench/client-profile.mjs <dir>/*.cpuprofile`: CPU by client phase and kind of work, or
//   `node bench/cpuprofile.mjs <file>`: by function).
// --inspect <dir> profiles only the timed parts of kit runs (node:inspector), one file per pass: for (b), the
//   restart, the pass again and the steady passes apart.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { seed } from './client-seed.mjs'
import { spawnNode } from './nodeChild.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** Which sources were measured (read-only git queries). */
const REVISION = (() => {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? ''
  const head = git('rev-parse', '--short', 'HEAD')
  const dirty = git('status', '--porcelain', '--', 'packages/client/src').split('\n').filter(Boolean).length
  return head ? `at ${head}${dirty ? ` + ${dirty} uncommitted change(s) in packages/client/src` : ''}` : '(no git revision)'
})()
const NODE_CLI = join(ROOT, 'packages/node/dist/cli.js')
const CLIENT_DIST = join(ROOT, 'packages/client/dist')
const RUNNER = join(ROOT, 'bench/client-run.mjs')

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    conversations: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: 'list,warm,messages' },
    sides: { type: 'string', default: 'sdk,noble,wasm' },
    'skip-build': { type: 'boolean', default: false },
    db: { type: 'string' },
    profile: { type: 'string' },
    inspect: { type: 'string' },
    'kit-dir': { type: 'string' },
  },
})
const count = (name) => {
  const n = Number(opts[name])
  if (!Number.isInteger(n) || n <= 0) throw new TypeError(`--${name} must be a positive integer`)
  return n
}
const CONVERSATIONS = count('conversations')
const MESSAGES = count('messages')
const RUNS = count('runs')
const ONLY = new Set(opts.only.split(','))
const SIDES = opts.sides.split(',')
const JSON_MODE = opts.json
const PROFILE_DIR = opts.profile ? resolve(opts.profile) : undefined
const INSPECT_DIR = opts.inspect ? resolve(opts.inspect) : undefined

const say = (line = '') => process.stderr.write(`${line}\n`)
const now = () => performance.now()
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2))

// ------------------------------------------------------------------------------------------------------
// Build, and a private copy of the client build (dist/ may be rebuilt during a long run)

function build() {
  say('building packages/client and packages/node (rollup)…')
  const started = now()
  const result = spawnSync('npx', ['rollup', '-c', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, XMTP_KIT_PACKAGES: 'client,node' },
  })
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`)
  say(`  built in ${((now() - started) / 1000).toFixed(1)} s`)
}

/** Copies the client's ESM build under packages/client/node_modules/.cache so it resolves the same dependencies. */
function snapshotClient() {
  const cache = join(ROOT, 'packages/client/node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'xmtp-kit-bench-client-'))
  // Extra entries import the main one by name: point them at this copy.
  for (const file of ['index.js', 'wasm.js', 'node.js'].filter((f) => existsSync(join(CLIENT_DIST, f)))) {
    writeFileSync(join(dir, file), readFileSync(join(CLIENT_DIST, file), 'utf8').replaceAll(/from '@xmtp-kit\/client'/g, "from './index.js'"))
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
  return dir
}

// ------------------------------------------------------------------------------------------------------
// The node child process

async function startNode(db) {
  const { url, pid, stop } = await spawnNode({ cli: NODE_CLI, cliArgs: ['--port', '0', '--db', db, '--no-rate-limit'], cwd: ROOT })
  return { url, pid, stop }
}

// ------------------------------------------------------------------------------------------------------
// One measurement in a fresh process

const LABELS = {
  sdk: 'SDK (@xmtp/xmtp-js 13.0.4)',
  noble: 'kit, noble backend',
  wasm: 'kit, wasm backend',
}

function runOnce(task, { node, kitDir, label }) {
  const side = task.side === 'sdk' ? 'sdk' : task.backend
  const profile =
    PROFILE_DIR && task.side === 'kit'
      ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `kit-${task.task}-${side}-${label}.cpuprofile`]
      : []
  return new Promise((resolvePromise, reject) => {
    const t0 = now()
    const inspect = INSPECT_DIR && task.side === 'kit' ? { inspect: INSPECT_DIR } : {}
    const child = spawn(process.execPath, [...profile, RUNNER, JSON.stringify({ ...task, ...inspect, url: node.url, kitDir })], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${task.task} ${side} exited with ${code}:\n${err}`))
      const line = out.trim().split('\n').at(-1)
      const result = JSON.parse(line)
      // The whole child, including imports and setup outside the timed part.
      result.processMs = now() - t0
      resolvePromise(result)
    })
  })
}

// ------------------------------------------------------------------------------------------------------
// Report

const metrics = []
const rows = []
function report(name, label, value, unit, target) {
  metrics.push({ name, value: Number(value.toFixed(3)), unit, target: target ? `${target.op} ${target.value}` : null })
  let verdict = ''
  if (target) {
    const ok = target.op === '>=' ? value >= target.value : value <= target.value
    verdict = ok ? 'met' : target.op === '>=' ? `MISSED (${((value / target.value) * 100).toFixed(0)}% of target)` : `MISSED (${fmt(value / target.value)}× over)`
  }
  const targetText = target ? `${target.op === '>=' ? '≥' : '≤'} ${fmt(target.value)}${unit === '×' ? '×' : ` ${unit}`}` : ''
  rows.push(`  ${label.padEnd(66)} ${`${fmt(value)}${unit === '×' ? '×' : ` ${unit}`}`.padStart(14)}   ${targetText.padEnd(12)} ${verdict}`)
}

// ------------------------------------------------------------------------------------------------------

async function main() {
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${process.platform}/${process.arch}`
  say(`bench:client — ${machine}`)
  say(`  ${CONVERSATIONS} conversations, ${MESSAGES} messages, ${RUNS} run(s) per variant; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (!opts['skip-build'] && !opts['kit-dir']) build()
  const kitDir = opts['kit-dir'] ? resolve(opts['kit-dir']) : snapshotClient()
  const tempDir = mkdtempSync(join(tmpdir(), 'xmtp-kit-bench-client-'))
  const db = opts.db ? resolve(opts.db) : join(tempDir, 'node.db')
  const seedFile = `${db}.seed.json`
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true })
  if (INSPECT_DIR) mkdirSync(INSPECT_DIR, { recursive: true })

  let reuse
  if (opts.db && existsSync(db) && existsSync(seedFile)) {
    const saved = JSON.parse(readFileSync(seedFile, 'utf8'))
    if (saved.conversations === CONVERSATIONS && saved.messages === MESSAGES) reuse = saved
    else throw new Error(`${db} was seeded with other sizes (${saved.conversations}/${saved.messages}); use another --db`)
  } else if (opts.db && existsSync(db)) throw new Error(`${db} exists without ${seedFile}; use another --db`)

  const node = await startNode(db)
  say(`node (pid ${node.pid}) on ${node.url}, db ${db}`)
  const cleanup = async () => {
    await node.stop()
    if (!opts['kit-dir']) rmSync(kitDir, { recursive: true, force: true })
    rmSync(tempDir, { recursive: true, force: true })
  }
  try {
    let wallets = reuse
    if (!wallets) {
      say('seeding (not measured)…')
      const kit = await import(pathToFileURL(join(kitDir, 'index.js')).href)
      const { wasmSecp256k1Backend } = await import(pathToFileURL(join(kitDir, 'wasm.js')).href)
      kit.setSecp256k1Backend(await wasmSecp256k1Backend())
      wallets = await seed({ kit, url: node.url, conversations: CONVERSATIONS, messages: MESSAGES, say })
      if (opts.db) writeFileSync(seedFile, JSON.stringify(wallets))
    } else say(`reusing the seeded database (${seedFile})`)

    const variants = SIDES.map((s) => (s === 'sdk' ? { side: 'sdk', backend: 'noble' } : { side: 'kit', backend: s }))
    const results = {}
    const record = (key, r) => (results[key] ??= []).push(r)
    const tasks = []
    if (ONLY.has('list')) tasks.push({ task: 'list', keys: wallets.owner.keys, expected: CONVERSATIONS })
    if (ONLY.has('warm')) tasks.push({ task: 'warm', keys: wallets.owner.keys, expected: CONVERSATIONS, kitOnly: true })
    if (ONLY.has('messages')) tasks.push({ task: 'messages', keys: wallets.reader.keys, peerAddress: wallets.sender.address, expected: MESSAGES })

    const cacheFile = join(tempDir, 'warm-cache.json')
    let warmFill
    for (const t of tasks) {
      if (t.task === 'warm') {
        // One cold pass fills the cache (not timed); every warm run reopens a copy of it in a fresh process.
        warmFill = await runOnce({ side: 'kit', backend: 'wasm', task: 'warm-fill', keys: t.keys, cacheFile, nodePid: node.pid }, { node, kitDir, label: 'fill' }).catch(
          // The cache API is new: a failure here is reported, not fatal to the other measurements.
          (error) => ({ available: false, reason: `the warm-cache run failed: ${String(error.message).split('\n').slice(0, 3).join(' ')}` }),
        )
        if (warmFill.available !== false) say(`\n(warm) cache filled: ${warmFill.entries} entries, ${(warmFill.bytes / 1024).toFixed(0)} KiB`)
      }
      say(`\n(${t.task}) ${t.task === 'list' ? `cold inbox: ${CONVERSATIONS} conversations + last message` : t.task === 'warm' ? 'inbox from a warm local cache' : `${MESSAGES} messages, decrypt + verify`}`)
      for (let run = 1; run <= RUNS; run++) {
        for (const v of variants) {
          if (t.kitOnly && v.side === 'sdk') continue
          const key = `${t.task}:${v.side === 'sdk' ? 'sdk' : v.backend}`
          if (t.task === 'warm' && results[key]?.[0]?.available === false) continue
          const r =
            t.task === 'warm' && warmFill?.available === false
              ? warmFill
              : await runOnce({ ...v, task: t.task, keys: t.keys, peerAddress: t.peerAddress, cacheFile, nodePid: node.pid }, { node, kitDir, label: `run${run}` })
          if (r.available === false) {
            say(`  ${LABELS[v.side === 'sdk' ? 'sdk' : v.backend].padEnd(40)} not available: ${r.reason}`)
            record(key, r)
            continue
          }
          if (r.count !== t.expected) throw new Error(`${key}: got ${r.count} ${t.task === 'messages' ? 'messages' : 'conversations'}, expected ${t.expected}`)
          const readable = t.task === 'messages' ? r.texts : r.previews
          if (readable !== t.expected) throw new Error(`${key}: ${readable} of ${t.expected} ${t.task === 'messages' ? 'messages' : 'previews'} decoded to text`)
          record(key, r)
          const line = (x, what) =>
            `  run ${run} ${`${LABELS[v.side === 'sdk' ? 'sdk' : v.backend]}${what}`.padEnd(40)} ${fmt(x.wallMs / 1000).padStart(6)} s wall, ` +
            `CPU: client ${fmt(x.cpuMs / 1000)} s${x.mainCpuMs === undefined ? '' : ` (JS thread ${fmt(x.mainCpuMs / 1000)} s)`}, node ${fmt(x.nodeCpuMs / 1000)} s, ` +
            `other processes ${fmt(Math.max(0, x.otherCpuMs) / 1000)} s ` +
            `[${Object.entries(x.phasesCpu ?? x.phases).map(([k, ms]) => `${k} ${fmt(ms / 1000)} s`).join(', ')}${x.phasesCpu ? ' CPU' : ''}]`
          say(line(r, t.task === 'warm' ? ', restart' : ''))
          if (t.task === 'warm') {
            if (r.again.count !== t.expected || r.again.previews !== t.expected) throw new Error(`${key}: the second warm pass lost conversations or previews`)
            // The warm answer must be the network's: the same message for every conversation as the cold fill.
            const answers = [r, r.again, ...r.steady].map((x) => x.previewIds)
            if (answers.some((ids) => ids !== warmFill.previewIds)) throw new Error(`${key}: the warm previews differ from the cold (network) ones`)
            say(line(r.again, ', again'))
            const steady = median(r.steady.map((x) => x.cpuMs))
            say(`  run ${run} ${`${LABELS[v.backend]}, steady`.padEnd(40)} CPU: client ${fmt(steady / 1000)} s (median of ${r.steady.length} more passes)`)
          }
        }
      }
    }

    // ---- figures
    const med = (key, field = 'wallMs') => (results[key]?.length && results[key][0].available !== false ? median(results[key].map((r) => r[field])) : undefined)
    const phaseMed = (key, phase) => median(results[key].map((r) => r.phases[phase]))
    say('')
    if (ONLY.has('list')) {
      const sdk = med('list:sdk')
      if (sdk !== undefined) {
        report('cold_list_sdk_s', `(a) cold list + previews, SDK`, sdk / 1000, 's')
        report('cold_list_sdk_cpu_s', `    client CPU`, med('list:sdk', 'cpuMs') / 1000, 's')
        report('cold_list_sdk_previews_s', `    of which previews (${CONVERSATIONS} queries)`, phaseMed('list:sdk', 'previews') / 1000, 's')
      }
      for (const b of ['noble', 'wasm']) {
        const kit = med(`list:${b}`)
        if (kit === undefined) continue
        report(`cold_list_kit_${b}_s`, `(a) cold list + previews, kit (${b})`, kit / 1000, 's')
        report(`cold_list_kit_${b}_cpu_s`, `    client CPU`, med(`list:${b}`, 'cpuMs') / 1000, 's')
        report(`cold_list_kit_${b}_list_s`, `    of which listConversations`, phaseMed(`list:${b}`, 'list') / 1000, 's')
        report(`cold_list_kit_${b}_previews_s`, `    of which fetchLastMessages`, phaseMed(`list:${b}`, 'previews') / 1000, 's')
        if (sdk !== undefined) {
          report(`cold_list_speedup_${b}`, `(a) speed-up SDK / kit (${b}), wall time`, sdk / kit, '×', { op: '>=', value: 5 })
          report(`cold_list_speedup_${b}_cpu`, `    the same by client CPU time (less sensitive to other load)`, med('list:sdk', 'cpuMs') / med(`list:${b}`, 'cpuMs'), '×')
        }
      }
    }
    if (ONLY.has('warm')) {
      for (const b of ['noble', 'wasm']) {
        const r = results[`warm:${b}`]
        if (!r) continue
        if (r[0].available === false) {
          rows.push(`  ${`(b) warm list + previews, kit (${b})`.padEnd(66)} ${'not available'.padStart(14)}   ${'≤ 50 ms'.padEnd(12)} (${r[0].reason})`)
          metrics.push({ name: `warm_list_kit_${b}_cpu_ms`, value: null, unit: 'ms', target: '<= 50' })
          continue
        }
        const again = (field) => median(r.map((x) => x.again[field]))
        const phase = (pick, name) => median(r.flatMap((x) => pick(x)).map((x) => x.phasesCpu[name]))
        const phases = (pick) => ['create', 'list', 'previews'].map((name) => `${name} ${fmt(phase(pick, name))}`).join(', ')
        report(`warm_list_kit_${b}_cpu_ms`, `(b) warm list + previews, kit (${b}), restart: client CPU`, med(`warm:${b}`, 'cpuMs'), 'ms', { op: '<=', value: 50 })
        report(`warm_list_kit_${b}_main_cpu_ms`, `    of which the JS thread (rest: V8's compiler and GC threads)`, med(`warm:${b}`, 'mainCpuMs'), 'ms')
        rows.push(`      phases (CPU ms): ${phases((x) => [x])}`)
        report(`warm_list_kit_${b}_wall_ms`, `    wall`, med(`warm:${b}`), 'ms')
        report(`warm_list_kit_${b}_again_cpu_ms`, `(b) the same again in the same process: client CPU`, again('cpuMs'), 'ms', { op: '<=', value: 50 })
        report(`warm_list_kit_${b}_again_main_cpu_ms`, `    of which the JavaScript thread`, again('mainCpuMs'), 'ms')
        rows.push(`      phases (CPU ms): ${phases((x) => [x.again])}`)
        report(`warm_list_kit_${b}_again_wall_ms`, `    wall`, again('wallMs'), 'ms')
        const steady = r.flatMap((x) => x.steady)
        report(`warm_list_kit_${b}_steady_cpu_ms`, `(b) steady state (passes 3–6 in the same process): client CPU`, median(steady.map((x) => x.cpuMs)), 'ms', { op: '<=', value: 50 })
        report(`warm_list_kit_${b}_steady_main_cpu_ms`, `    of which the JavaScript thread`, median(steady.map((x) => x.mainCpuMs)), 'ms')
        rows.push(`      phases (CPU ms): ${phases((x) => x.steady)}`)
      }
    }
    if (ONLY.has('messages')) {
      const rate = (key) => {
        const ms = med(key)
        return ms === undefined ? undefined : MESSAGES / (ms / 1000)
      }
      const sdk = rate('messages:sdk')
      if (sdk !== undefined) {
        report('messages_sdk_per_s', `(c) ${MESSAGES} messages, SDK`, sdk, 'msg/s')
        report('messages_sdk_cpu_s', `    client CPU`, med('messages:sdk', 'cpuMs') / 1000, 's')
      }
      for (const b of ['noble', 'wasm', 'noble-cached']) {
        const kit = rate(`messages:${b}`)
        if (kit === undefined) continue
        const id = b.replace('-', '_')
        const label = b === 'noble-cached' ? 'noble + cached key tables, experiment' : b
        report(`messages_kit_${id}_per_s`, `(c) ${MESSAGES} messages, kit (${label})`, kit, 'msg/s')
        report(`messages_kit_${id}_cpu_s`, `    client CPU`, med(`messages:${b}`, 'cpuMs') / 1000, 's')
        if (sdk !== undefined) {
          report(`messages_speedup_${id}`, `(c) throughput kit (${label}) / SDK`, kit / sdk, '×', { op: '>=', value: 3 })
          report(`messages_speedup_${id}_cpu`, `    the same by client CPU time`, med('messages:sdk', 'cpuMs') / med(`messages:${b}`, 'cpuMs'), '×')
        }
      }
    }

    // How much else ran on the machine during the timed parts (the benchmark shares 2 cores).
    const all = Object.values(results).flat().filter((r) => r.available !== false)
    const otherCores = all.length ? all.reduce((a, r) => a + Math.max(0, r.otherCpuMs), 0) / all.reduce((a, r) => a + r.wallMs, 0) : 0
    metrics.push({ name: 'other_processes_cores', value: Number(otherCores.toFixed(2)), unit: 'cores', target: null })

    if (JSON_MODE) process.stdout.write(`${JSON.stringify({ metrics })}\n`)
    else {
      const out = (s = '') => process.stdout.write(`${s}\n`)
      out()
      out(`bench:client — ${new Date().toISOString().slice(0, 10)} — ${machine}`)
      out(`${CONVERSATIONS} conversations, ${MESSAGES} messages; median of ${RUNS} run(s), each in a fresh process, SDK and kit alternating`)
      out(`against the same local node (child process, SQLite file db) in the same run; client ${REVISION}`)
      out(
        `other processes on the machine used ${otherCores.toFixed(2)} cores on average during the timed parts` +
          (otherCores > 0.25 ? ' — the machine was busy: wall times are inflated, client CPU times are the steadier figures' : ''),
      )
      out()
      out(`  ${'metric'.padEnd(66)} ${'value'.padStart(14)}   ${'target'.padEnd(12)} result`)
      for (const row of rows) out(row)
    }
  } finally {
    await cleanup()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
