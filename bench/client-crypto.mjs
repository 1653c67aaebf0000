// Per-operation costs behind `npm run bench:client` (one core, best of several rounds), to size the levers
// for the client's cold paths: ECDH (3 per invitation), signature verification (1 per message, 1 per
// bundle), public-key recovery (1 per bundle), and the per-message AEAD.
//
//   node bench/client-crypto.mjs [--json]
//
// Compared: @noble/curves as the client calls it today, two noble variants the client could use, the wasm
// backend (tiny-secp256k1), and OpenSSL through node:crypto (Node only; the client may not use Node
// built-ins, so that one would be a separate Node backend).
import { createECDH, createPublicKey, randomBytes, verify as nodeVerify } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import * as ecc from 'tiny-secp256k1'
// The client's own @noble/ciphers (2.x; the root node_modules has an older copy from another package).
const { gcm } = await import(new URL('../packages/client/node_modules/@noble/ciphers/aes.js', import.meta.url).href)

const { values: opts } = parseArgs({ options: { json: { type: 'boolean', default: false } } })
const say = (s = '') => process.stderr.write(`${s}\n`)

const { Point } = secp256k1
const N = Point.CURVE().n
const P = Point.CURVE().p

/** Microseconds per call of `fn` (best of `rounds` rounds of `iterations`). */
function measure(fn, iterations = 200, rounds = 5) {
  for (let i = 0; i < 20; i++) fn(i)
  let best = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now()
    for (let i = 0; i < iterations; i++) fn(i)
    best = Math.min(best, ((performance.now() - t0) * 1000) / iterations)
  }
  return best
}

const keys = Array.from({ length: 16 }, () => {
  const priv = secp256k1.utils.randomSecretKey()
  return { priv, pub: secp256k1.getPublicKey(priv, false) }
})
const me = keys[0]
const peers = keys.slice(1)
const eq = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0

// ---- ECDH: the full 65-byte point d·Q (XMTP hashes X and Y)
const mod = (a, m) => ((a % m) + m) % m
function powMod(b, e, m) {
  let r = 1n
  b = mod(b, m)
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m
    b = (b * b) % m
    e >>= 1n
  }
  return r
}
const toBig = (bytes) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
const toBytes32 = (n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex')

// OpenSSL returns only X. Y is ±sqrt(X³+7); the sign is found from X((d+1)·Q) = X(d·Q + Q), computed
// natively, against a point addition in JS.
const ecdhMine = createECDH('secp256k1')
ecdhMine.setPrivateKey(me.priv)
const ecdhMinePlusOne = createECDH('secp256k1')
ecdhMinePlusOne.setPrivateKey(toBytes32(mod(toBig(me.priv) + 1n, N)))
function nodeSharedPoint(peerPub) {
  const x = ecdhMine.computeSecret(peerPub)
  const xNext = toBig(ecdhMinePlusOne.computeSecret(peerPub))
  // noble's decompression (its optimised square root) gives the even-Y candidate.
  const S = Point.fromBytes(Uint8Array.from(Buffer.concat([Buffer.from([2]), x])))
  const Q = Point.fromBytes(peerPub)
  return (S.add(Q).toAffine().x === xNext ? S : S.negate()).toBytes(false)
}

const expectedShared = secp256k1.getSharedSecret(me.priv, peers[0].pub, false)
const ecdh = {
  'noble getSharedSecret (constant time; the client today)': (i) => secp256k1.getSharedSecret(me.priv, peers[i % 15].pub, false),
  'noble multiplyUnsafe (variable time: leaks timing of our key)': (i) => Point.fromBytes(peers[i % 15].pub).multiplyUnsafe(toBig(me.priv)).toBytes(false),
  'wasm pointMultiply (libsecp256k1, constant time)': (i) => ecc.pointMultiply(peers[i % 15].pub, me.priv, false),
  'node:crypto ECDH ×2 + Y recovery (OpenSSL)': (i) => nodeSharedPoint(peers[i % 15].pub),
}
for (const [name, fn] of Object.entries(ecdh)) {
  const i = 0
  const got = fn(i)
  if (!eq(got, expectedShared)) throw new Error(`ECDH variant "${name}" disagrees with noble`)
}

// ---- verify (pre-key signature over a sha256 digest), the same sender key every time (one conversation)
const data = randomBytes(300)
const digest = sha256(data)
const sig = secp256k1.sign(digest, peers[0].priv, { prehash: false, lowS: true })
const senderPub = peers[0].pub
// A Point with its 8-bit window table computed once (the client would cache it per verified bundle).
const senderPoint = Point.fromBytes(senderPub)
senderPoint.precompute(8)
const G = Point.BASE
function verifyWithPoint(signature, msgHash, Q) {
  const r = toBig(signature.subarray(0, 32))
  const s = toBig(signature.subarray(32))
  if (r <= 0n || r >= N || s <= 0n || s > N >> 1n) return false
  const h = mod(toBig(msgHash), N)
  const w = powMod(s, N - 2n, N)
  const R = G.multiplyUnsafe(mod(h * w, N)).add(Q.multiplyUnsafe(mod(r * w, N)))
  if (R.is0()) return false
  return mod(R.toAffine().x, N) === r
}
const jwk = (pub) => ({ kty: 'EC', crv: 'secp256k1', x: Buffer.from(pub.subarray(1, 33)).toString('base64url'), y: Buffer.from(pub.subarray(33)).toString('base64url') })
const senderKeyObject = createPublicKey({ key: jwk(senderPub), format: 'jwk' })
const verifyVariants = {
  'noble verify (the client today)': () => secp256k1.verify(sig, digest, senderPub, { prehash: false, lowS: true }),
  'noble, sender Point cached with precompute(8)': () => verifyWithPoint(sig, digest, senderPoint),
  'wasm verify (libsecp256k1)': () => ecc.verify(digest, senderPub, sig, true),
  'node:crypto verify, KeyObject cached (hashes the data itself)': () => nodeVerify('sha256', data, { key: senderKeyObject, dsaEncoding: 'ieee-p1363' }, sig),
}
for (const [name, fn] of Object.entries(verifyVariants)) if (fn() !== true) throw new Error(`verify variant "${name}" failed`)
const badSig = Uint8Array.from(sig)
badSig[40] ^= 1
if (verifyWithPoint(badSig, digest, senderPoint)) throw new Error('precomputed verify accepted a bad signature')

// ---- public key recovery (wallet signature on an identity key, once per new bundle)
const rec = secp256k1.sign(digest, peers[1].priv, { prehash: false, lowS: true, format: 'recovered' })
const recover = {
  'noble recoverPublicKey (the client today)': () => secp256k1.Signature.fromBytes(rec.subarray(1), 'compact').addRecoveryBit(rec[0]).recoverPublicKey(digest).toBytes(false),
  'wasm recover': () => ecc.recover(digest, rec.subarray(1), rec[0], false),
}
for (const [name, fn] of Object.entries(recover)) if (!eq(fn(), peers[1].pub)) throw new Error(`recover variant "${name}" failed`)

// ---- per-message AEAD: HKDF-SHA256 (per-message salt) + AES-256-GCM over a message's SignedContent
// (payload, the sender's bundle and the signature: ~500 bytes)
const secret = randomBytes(32)
const salt = randomBytes(32)
const nonce = randomBytes(12)
const key = hkdf(sha256, secret, salt, new Uint8Array(), 32)
const signedContent = randomBytes(500)
const sealed = gcm(key, nonce, new Uint8Array(40)).encrypt(signedContent)
const aead = {
  'noble HKDF + AES-256-GCM decrypt, 500 bytes': () => gcm(hkdf(sha256, secret, salt, new Uint8Array(), 32), nonce, new Uint8Array(40)).decrypt(sealed),
}

// ---- what caching a precomputed Point costs (once per sender pre-key)
const precompute = {
  'noble Point.fromBytes(pub).precompute(8) (one-time, per sender key)': (i) => Point.fromBytes(keys[i % 16].pub).precompute(8, false),
  'noble Point.fromBytes(pub).precompute(4) (one-time, per sender key)': (i) => Point.fromBytes(keys[i % 16].pub).precompute(4, false),
}
const senderPoint4 = Point.fromBytes(senderPub)
senderPoint4.precompute(4)
verifyVariants['noble, sender Point cached with precompute(4)'] = () => verifyWithPoint(sig, digest, senderPoint4)

const results = []
for (const [group, variants, iterations] of [
  ['ECDH (65-byte point)', ecdh, 150],
  ['ECDSA verify, same sender', verifyVariants, 300],
  ['public key recovery', recover, 150],
  ['precomputation', precompute, 10],
  ['AEAD', aead, 2000],
]) {
  say(`${group}`)
  for (const [name, fn] of Object.entries(variants)) {
    const us = measure(fn, iterations)
    results.push({ group, name, us })
    say(`  ${name.padEnd(64)} ${(us / 1000).toFixed(3).padStart(7)} ms   ${Math.round(1e6 / us).toString().padStart(6)}/s`)
  }
}
if (opts.json) process.stdout.write(`${JSON.stringify({ metrics: results.map((r) => ({ name: `${r.group}: ${r.name}`, value: Number((r.us / 1000).toFixed(4)), unit: 'ms', target: null })) })}\n`)
