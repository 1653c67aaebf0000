// Summarises a V8 .cpuprofile (from `node bench/node.mjs --profile-node <dir>` or `node --cpu-prof`):
// self time by function and by file, and inclusive ("total") time of the heaviest functions.
//
//   node bench/cpuprofile.mjs <file.cpuprofile> [--top 25] [--filter <substring of url or name>]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, filter: { type: 'string' } },
})
if (positionals.length !== 1) {
  console.error('usage: node bench/cpuprofile.mjs <file.cpuprofile> [--top N] [--filter text]')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'))
const top = Number(values.top)

const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parentOf = new Map()
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)

// Sample counts → time: each sample lasts the following timeDelta.
const selfUs = new Map()
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt)
})
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0)
// Percentages are of busy time: the event loop waiting in epoll ("(idle)") is left out.
const idleUs = [...selfUs].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0)
const busyUs = totalUs - idleUs

const shortUrl = (url) => url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '~/').replace(/^.*\/packages\//, 'packages/')
const keyOf = (frame) => `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}`

const selfByKey = new Map()
const selfByFile = new Map()
const inclusiveByKey = new Map()
for (const [id, us] of selfUs) {
  const frame = byId.get(id).callFrame
  selfByKey.set(keyOf(frame), (selfByKey.get(keyOf(frame)) ?? 0) + us)
  const file = frame.url ? shortUrl(frame.url) : `(${frame.functionName || 'native'})`
  selfByFile.set(file, (selfByFile.get(file) ?? 0) + us)
  // Inclusive: credit every distinct function on the stack once.
  const seen = new Set()
  for (let n = id; n !== undefined; n = parentOf.get(n)) {
    const key = keyOf(byId.get(n).callFrame)
    if (seen.has(key)) continue
    seen.add(key)
    inclusiveByKey.set(key, (inclusiveByKey.get(key) ?? 0) + us)
  }
}

const pct = (us) => `${((us / busyUs) * 100).toFixed(1).padStart(5)}%`
const print = (title, map) => {
  console.log(`\n${title}`)
  const rows = [...map]
    .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('((idle)') && !k.startsWith('(root)') && (!values.filter || k.includes(values.filter)))
    .sort((a, b) => b[1] - a[1])
  for (const [key, us] of rows.slice(0, top)) console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
}
console.log(`${positionals[0]}: ${(totalUs / 1e6).toFixed(2)} s sampled, ${(busyUs / 1e6).toFixed(2)} s busy (percentages are of busy time)`)
print('self time by file', selfByFile)
print('self time by function', selfByKey)
print('inclusive time by function', inclusiveByKey)
