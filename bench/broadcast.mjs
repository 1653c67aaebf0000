// `npm run bench:broadcast`: messages per second of @xmtp-kit/client's `broadcast` to 1,000 wallets through
// the real node.
//
// A local node (`packages/node/dist/cli.js`, SQLite file in a temp folder, rate limiter off, auth on) runs in a
// child process. It is seeded (not measured) with N wallets that have an XMTP identity (keys made locally,
// contact bundles published). Each run then uses a new sender, so every recipient gets a new conversation
// (invitation, consent allow, message: what a first broadcast costs), and measures from the call to the report.
// Variants, alternated run by run:
//   default      broadcast(), 4 recipients at a time, no journal
//   journal      the same with fileJournal (two appended lines per recipient, no fsync)
//   journal-sync the same with fileJournal({ sync: true }) (an fsync per record)
//   c16          16 recipients at a time
//   cli          `xmtp-kit broadcast` end to end (process start, keys, reach check, sends, report), timed
//                from spawn to exit
//   per-recipient  what broadcast did before it listed the sender's conversations once per run: canMessage in
//                batches, then startConversation (which re-reads the invite topic) + sendMessage, 4 at a time
// Every run checks that all N recipients were sent to.
//
//   node bench/broadcast.mjs [--json] [--recipients 1000] [--runs 3]
//                            [--only default,journal,journal-sync,c16,cli,per-recipient] [--skip-build]
//
// --json prints only {"metrics":[{name,value,unit,target}]} on stdout (progress goes to stderr).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { spawnNode } from './nodeChild.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NODE_CLI = join(ROOT, 'packages/node/dist/cli.js')
const KIT_CLI = join(ROOT, 'packages/client/dist/cli.js')
const CLIENT_DIST = join(ROOT, 'packages/client/dist')
const VARIANTS = ['default', 'journal', 'journal-sync', 'c16', 'cli', 'per-recipient']

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    recipients: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: VARIANTS.join(',') },
    'skip-build': { type: 'boolean', default: false },
  },
})
const count = (name) => {
  const n = Number(opts[name])
  if (!Number.isInteger(n) || n <= 0) throw new TypeError(`--${name} must be a positive integer`)
  return n
}
const RECIPIENTS = count('recipients')
const RUNS = count('runs')
const ONLY = opts.only.split(',')
for (const v of ONLY) if (!VARIANTS.includes(v)) throw new TypeError(`--only: unknown variant ${v} (${VARIANTS.join(', ')})`)

const say = (line = '') => process.stderr.write(`${line}\n`)
const now = () => performance.now()
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2))

const CLK_TCK = 100 // USER_HZ on Linux
/** CPU seconds a process used so far (/proc/<pid>/stat utime + stime). */
function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
  } catch {
    return Number.NaN
  }
}
/** Busy CPU seconds of the whole machine so far (other processes running at the same time skew a run). */
function machineBusySeconds() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number)
  return (user + nice + system + irq + softirq + steal) / CLK_TCK
}

function build() {
  say('building packages/client and packages/node (rollup)…')
  const started = now()
  const result = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: ROOT, stdio: ['ignore', 2, 2], env: { ...process.env, XMTP_KIT_PACKAGES: 'client,node' } })
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`)
  say(`  built in ${((now() - started) / 1000).toFixed(1)} s`)
}

async function startNode(db) {
  const { url, pid, stop } = await spawnNode({ cli: NODE_CLI, cliArgs: ['--port', '0', '--db', db, '--no-rate-limit'], cwd: ROOT })
  return { url, pid, stop }
}

/** Runs `fn(i)` for i in [0, n) with at most `concurrency` calls in flight. */
async function pool(n, concurrency, fn) {
  const out = new Array(n)
  let next = 0
  const worker = async () => {
    while (next < n) {
      const i = next++
      out[i] = await fn(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
  return out
}

async function main() {
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${process.platform}/${process.arch}`
  say(`bench:broadcast — ${machine}`)
  say(`  ${RECIPIENTS} recipients, ${RUNS} run(s) per variant (${ONLY.join(', ')}); load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (!opts['skip-build']) build()
  const kit = await import(pathToFileURL(join(CLIENT_DIST, 'index.js')).href)
  const { nodeHttpTransport, fileJournal } = await import(pathToFileURL(join(CLIENT_DIST, 'node.js')).href)
  const tempDir = mkdtempSync(join(tmpdir(), 'xmtp-kit-bench-broadcast-'))
  const node = await startNode(join(tempDir, 'node.db'))
  say(`node (pid ${node.pid}) on ${node.url}`)
  const transport = nodeHttpTransport({ url: node.url })

  const newIdentity = async () => {
    const account = privateKeyToAccount(generatePrivateKey())
    const keys = kit.encodePrivateKeyBundle(await kit.createPrivateKeyBundle(kit.toSigner(account)))
    const client = await kit.createClient({ keys, transport })
    return { client, keys }
  }

  try {
    say('seeding (not measured)…')
    let started = now()
    const recipients = (await pool(RECIPIENTS, 16, newIdentity)).map((r) => r.client.address)
    say(`  ${RECIPIENTS} identities in ${((now() - started) / 1000).toFixed(1)} s`)
    const walletsCsv = join(tempDir, 'wallets.csv')
    writeFileSync(walletsCsv, `address\n${recipients.join('\n')}\n`)
    const content = 'gm! Our airdrop claim window opens tomorrow at 14:00 UTC. Reply here with any question.'
    const messageFile = join(tempDir, 'message.txt')
    writeFileSync(messageFile, `${content}\n`)

    /** One measured run of a variant, with a new sender. Resolves with { seconds, clientCpu, nodeCpu, otherCores }. */
    const runOnce = async (variant, n) => {
      const sender = await newIdentity()
      const journalPath = join(tempDir, `${variant}-${n}.journal`)
      const nodeCpu0 = cpuSecondsOf(node.pid)
      const busy0 = machineBusySeconds()
      const cpu0 = process.cpuUsage()
      let childCpu = 0
      const t0 = now()
      let sent
      if (variant === 'cli') {
        const keysFile = join(tempDir, `cli-${n}.keys`)
        writeFileSync(keysFile, Buffer.from(sender.keys).toString('hex'))
        const args = ['broadcast', '--node', node.url, '--keys', keysFile, '--to', walletsCsv, '--message', messageFile, '--journal', journalPath, '--progress', 'none']
        const child = spawn(process.execPath, [KIT_CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        child.stdout.on('data', (d) => (out += d))
        child.stderr.on('data', (d) => (err += d))
        let last = 0
        const sampler = setInterval(() => (last = cpuSecondsOf(child.pid) || last), 50)
        const code = await new Promise((r) => child.once('exit', r))
        clearInterval(sampler)
        childCpu = last
        if (code !== 0) throw new Error(`cli exited with ${code}: ${err}`)
        sent = Number(/^Sent: +(\d+)/m.exec(out)?.[1])
      } else if (variant === 'per-recipient') {
        const client = sender.client
        const onNetwork = []
        for (let i = 0; i < recipients.length; i += 50) {
          const batch = recipients.slice(i, i + 50)
          const answers = await client.canMessage(batch)
          batch.forEach((a, j) => answers[j] && onNetwork.push(a))
        }
        sent = 0
        await pool(onNetwork.length, 4, async (i) => {
          const conversation = await kit.startConversation(client, { peerAddress: onNetwork[i] })
          await kit.sendMessage(client, { conversation, content })
          sent++
        })
      } else {
        const journal = variant === 'journal' ? fileJournal(journalPath) : variant === 'journal-sync' ? fileJournal(journalPath, { sync: true }) : undefined
        const report = await kit.broadcast(sender.client, { recipients, content, concurrency: variant === 'c16' ? 16 : 4, journal })
        journal?.close()
        if (report.failed.length > 0) throw new Error(`${variant}: ${report.failed.length} failed: ${report.failed[0].error.message}`)
        sent = report.sent.length
      }
      const seconds = (now() - t0) / 1000
      const cpu = process.cpuUsage(cpu0)
      const clientCpu = variant === 'cli' ? childCpu : (cpu.user + cpu.system) / 1e6
      const nodeCpu = cpuSecondsOf(node.pid) - nodeCpu0
      const otherCores = Math.max(0, machineBusySeconds() - busy0 - clientCpu - nodeCpu) / seconds
      if (sent !== RECIPIENTS) throw new Error(`${variant}: sent ${sent} of ${RECIPIENTS}`)
      return { seconds, clientCpu, nodeCpu, otherCores }
    }

    const results = Object.fromEntries(ONLY.map((v) => [v, []]))
    for (let run = 1; run <= RUNS; run++) {
      for (const variant of ONLY) {
        const r = await runOnce(variant, run)
        results[variant].push(r)
        say(
          `  run ${run} ${variant.padEnd(13)} ${r.seconds.toFixed(2)} s, ${fmt(RECIPIENTS / r.seconds)} msg/s (client CPU ${r.clientCpu.toFixed(2)} s, node CPU ${r.nodeCpu.toFixed(2)} s, other processes ${r.otherCores.toFixed(2)} cores)`,
        )
      }
    }

    const metrics = []
    const rows = []
    for (const variant of ONLY) {
      const rs = results[variant]
      const seconds = median(rs.map((r) => r.seconds))
      const rate = RECIPIENTS / seconds
      const key = variant.replaceAll('-', '_')
      metrics.push({ name: `broadcast_${key}_msgs_per_s`, value: Number(rate.toFixed(1)), unit: 'msg/s', target: null })
      metrics.push({ name: `broadcast_${key}_s`, value: Number(seconds.toFixed(3)), unit: 's', target: null })
      metrics.push({ name: `broadcast_${key}_client_cpu_s`, value: Number(median(rs.map((r) => r.clientCpu)).toFixed(3)), unit: 's', target: null })
      metrics.push({ name: `broadcast_${key}_node_cpu_s`, value: Number(median(rs.map((r) => r.nodeCpu)).toFixed(3)), unit: 's', target: null })
      const range = rs.map((r) => fmt(RECIPIENTS / r.seconds)).join(' / ')
      rows.push(
        `  ${variant.padEnd(14)} ${`${fmt(rate)} msg/s`.padStart(12)}  ${`${seconds.toFixed(2)} s`.padStart(8)}  client CPU ${median(rs.map((r) => r.clientCpu)).toFixed(2)} s, node CPU ${median(rs.map((r) => r.nodeCpu)).toFixed(2)} s  (runs: ${range} msg/s)`,
      )
    }
    const other = median(ONLY.flatMap((v) => results[v].map((r) => r.otherCores)))
    metrics.push({ name: 'other_processes_cores', value: Number(other.toFixed(2)), unit: 'cores', target: null })
    if (opts.json) process.stdout.write(`${JSON.stringify({ metrics })}\n`)
    else {
      say()
      say(`Broadcast to ${RECIPIENTS} wallets (medians of ${RUNS}; other processes used ${other.toFixed(2)} cores):`)
      for (const row of rows) say(row)
    }
  } finally {
    await node.stop()
    rmSync(tempDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  say(error.stack ?? String(error))
  process.exit(1)
})
