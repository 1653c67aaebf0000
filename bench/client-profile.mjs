// Where a kit run's CPU time goes: summarises a .cpuprofile from `node bench/client.mjs --profile <dir>` into
// work categories (ECDH, signature verification, key recovery, AEAD, protobuf, …) per client phase
// (createClient, opening invitations, previews, message list).
//
//   node bench/client-profile.mjs <file.cpuprofile> [...more files]
//
// A sample's category is the nearest frame (from the leaf up) whose function is one of the client's
// operations below; its phase is the client function it runs under (work resumed from an HTTP response
// runs under the phase's own frame when it is synchronous code of that phase).
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'

const CATEGORIES = [
  ['getSharedSecret', 'ECDH'],
  ['pointMultiply', 'ECDH'],
  ['verifyDigest', 'ECDSA verify'],
  ['recoverPublicKey', 'public key recovery'],
  ['recover', 'public key recovery'],
  ['decrypt', 'HKDF + AES-GCM'],
  ['hkdf', 'HKDF + AES-GCM'],
  ['getMessageId', 'sha256 / keccak / hmac'],
  ['keccak_256', 'sha256 / keccak / hmac'],
  ['sha256', 'sha256 / keccak / hmac'],
  ['hmac', 'sha256 / keccak / hmac'],
  ['decode', 'protobuf decode/encode'],
  ['encode', 'protobuf decode/encode'],
  ['finish', 'protobuf decode/encode'],
  ['bytesToHex', 'hex / base64 / JSON'],
  ['base64ToBytes', 'hex / base64 / JSON'],
  ['parseEnvelope', 'hex / base64 / JSON'],
  ['parse', 'hex / base64 / JSON'],
  ['(garbage collector)', 'GC'],
  ['(idle)', 'idle'],
  ['(program)', 'V8 / runtime'],
]
const PHASES = [
  ['openInvitationEnvelope', 'listConversations'],
  ['listConversations', 'listConversations'],
  ['fetchLastMessages', 'fetchLastMessages'],
  ['listMessages', 'listMessages'],
  ['createClient', 'createClient'],
]
const categoryOf = new Map(CATEGORIES)
const phaseOf = new Map(PHASES)

for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parentOf = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id)
  const url = (n) => n.callFrame.url
  const table = new Map()
  let total = 0
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0
    total += us
    let category
    let phase
    for (let n = id; n !== undefined; n = parentOf.get(n)) {
      const node = byId.get(n)
      const name = node.callFrame.functionName
      if (!category) {
        const c = categoryOf.get(name)
        // `decode`/`parse`/`recover` and friends only count when they are the client's or its libraries'.
        if (c && (name.startsWith('(') || /node_modules\/\.cache\/|@noble|tiny-secp256k1|packages\/client/.test(url(node)))) category = c
        else if (/undici|node:net|node:internal\/(streams|webstreams|http)/.test(url(node))) category = 'HTTP (client side)'
        else if (/wasm:\/\//.test(url(node))) category = undefined
      }
      if (!phase && phaseOf.has(name) && /node_modules\/\.cache\/|packages\/client/.test(url(node))) phase = phaseOf.get(name)
    }
    category ??= 'other'
    phase ??= '(outside a client call)'
    const row = table.get(phase) ?? new Map()
    row.set(category, (row.get(category) ?? 0) + us)
    table.set(phase, row)
  })
  console.log(`\n${basename(file)}: ${(total / 1e6).toFixed(2)} s sampled`)
  const phases = [...table].sort((a, b) => sum(b[1]) - sum(a[1]))
  for (const [phase, row] of phases) {
    const phaseTotal = sum(row)
    console.log(`  ${phase.padEnd(28)} ${ms(phaseTotal)}`)
    for (const [category, us] of [...row].sort((a, b) => b[1] - a[1])) {
      if (us / phaseTotal < 0.01) continue
      console.log(`      ${category.padEnd(26)} ${ms(us)}  ${((us / phaseTotal) * 100).toFixed(0).padStart(3)}%`)
    }
  }
}

function sum(map) {
  let s = 0
  for (const v of map.values()) s += v
  return s
}
function ms(us) {
  return `${(us / 1000).toFixed(0).padStart(7)} ms`
}
