// The node's side of the adversarial run (docs/security.md), replayed against the built node with its default
// settings (rate limits on, auth on):
//
//   npm run build && node bench/security-node.mjs [--json]
//
// The connection flood is scaled to this machine's hard limit of 20,000 file handles per process: the node
// runs with 10,000 (prlimit) and this process opens 11,000 connections, one more file than the node may hold
// for each 10. Each line: what was tried, the answers, the node's resident memory (VmRSS) before, at its peak
// and after, and how many lines the node printed (errors).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createTestIdentity } from './authToken.mjs'
import { spawnNode } from './nodeChild.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const json = process.argv.includes('--json')
const log = (line) => process.stderr.write(`${line}\n`)
const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-security-'))
const results = []

const node = await spawnNode({
  cli: join(ROOT, 'packages/node/dist/cli.js'),
  cliArgs: ['--port', '0', '--db', join(dir, 'node.db')],
  cwd: ROOT,
  wrap: ['prlimit', '--nofile=10000'],
  label: 'node',
})
let printed = ''
node.child.stderr.on('data', (chunk) => (printed += chunk))
const rss = () => Number(readFileSync(`/proc/${node.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50)

const topics = (n, tag) => Array.from({ length: n }, (_, i) => `/xmtp/0/m-${tag}-${i}/proto`)
function post(path, body, headers = {}) {
  return new Promise((resolve) => {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))
    const req = request(`${node.url}${path}`, { method: 'POST', headers: { 'content-length': data.length, ...headers } }, (res) => {
      let text = ''
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode, text }))
    })
    req.on('error', (error) => resolve({ status: -1, text: error.code }))
    req.end(data)
  })
}
const count = (statuses) => Object.entries(statuses.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {})).map(([s, n]) => `${n}×${s}`).join(', ')
async function measure(name, run) {
  printed = ''
  await sleep(500)
  const before = rss()
  peak = before
  const started = Date.now()
  const outcome = await run()
  await sleep(300)
  const result = { name, outcome, seconds: (Date.now() - started) / 1000, rssBeforeMb: +before.toFixed(0), rssPeakMb: +peak.toFixed(0), rssAfterMb: +rss().toFixed(0), nodePrinted: printed.trim().split('\n').filter(Boolean).length }
  results.push(result)
  log(`${name}: ${outcome} — ${result.seconds.toFixed(1)} s, RSS ${result.rssBeforeMb} → peak ${result.rssPeakMb} → ${result.rssAfterMb} MB, node printed ${result.nodePrinted} lines`)
}

await measure('6,000 queries of 2–6,000 topics (within the rate limits: 200 at a time)', async () => {
  const statuses = []
  for (let i = 0; i < 6000; i += 200) {
    statuses.push(...(await Promise.all(Array.from({ length: 200 }, (_, j) => post('/message/v1/query', { contentTopics: topics(2 + (((i + j) * 97) % 5999), `q${i + j}`) })))).map((a) => a.status))
    await sleep(1000) // the general bucket refills
  }
  return count(statuses)
})

await measure('a query and a batch query of 40,000 topics', async () => {
  const one = await post('/message/v1/query', { contentTopics: topics(40_000, 'big') })
  const batch = await post('/message/v1/batch-query', { requests: [{ contentTopics: topics(40_000, 'bigger') }] })
  return `${one.status} ${JSON.parse(one.text).message}; batch ${batch.status}`
})

await measure('11,000 idle TCP connections against 10,000 file handles, /healthz meanwhile', async () => {
  const sockets = []
  for (let i = 0; i < 11_000; i++) {
    const socket = connect(new URL(node.url).port, '127.0.0.1')
    socket.on('error', () => undefined)
    sockets.push(socket)
    if (i % 500 === 499) await sleep(10)
  }
  const checks = []
  for (let i = 0; i < 10; i++) {
    const t = Date.now()
    const ok = await fetch(`${node.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 'failed')
    checks.push(`${ok} in ${Date.now() - t} ms`)
    await sleep(200)
  }
  const held = readdirSync(`/proc/${node.pid}/fd`).length
  for (const s of sockets) s.destroy()
  return `/healthz: ${checks.join(', ')}; file handles the node held: ${held}`
})

await measure('5 subscribes of 1,000,000 topics (31 MB bodies)', async () => {
  const body = Buffer.from(JSON.stringify({ contentTopics: topics(1_000_000, 'sub') }))
  const answers = await Promise.all(Array.from({ length: 5 }, () => post('/message/v1/subscribe', body)))
  const t = Date.now()
  const health = await fetch(`${node.url}/healthz`).then((r) => r.status)
  return `${count(answers.map((a) => a.status))}; /healthz ${health} in ${Date.now() - t} ms`
})

await measure('24 concurrent 48 MB publish bodies', async () => {
  const body = Buffer.alloc(48 * 1024 * 1024, 0x20)
  const answers = await Promise.all(Array.from({ length: 24 }, () => post('/message/v1/publish', body)))
  return count(answers.map((a) => a.status))
})

await measure('100 uploads abandoned mid-body', async () => {
  await Promise.all(
    Array.from({ length: 100 }, () => new Promise((resolve) => {
      const req = request(`${node.url}/message/v1/publish`, { method: 'POST', headers: { 'content-length': 1_000_000 } })
      req.on('error', () => resolve())
      req.write(Buffer.alloc(100_000))
      setTimeout(() => (req.destroy(), resolve()), 50)
    })),
  )
  return 'aborted by the client'
})

await measure('a publish token dated 10 years ahead', async () => {
  const identity = await createTestIdentity()
  const answer = await post('/message/v1/publish', { envelopes: [{ contentTopic: '/xmtp/0/m-future/proto', timestampNs: '1', message: 'aGk=' }] }, { authorization: identity.authorization({ createdAtMs: Date.now() + 10 * 365 * 24 * 3600_000 }) })
  return `${answer.status} ${JSON.parse(answer.text).message}`
})

clearInterval(sampler)
await node.stop()
rmSync(dir, { recursive: true, force: true })
if (json) console.log(JSON.stringify({ results }))
