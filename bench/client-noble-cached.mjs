// An experimental secp256k1 backend for `npm run bench:client` (side `noble-cached`): the client's default
// pure-JavaScript backend (@noble/curves, same calls) except that `verify` keeps, per public key, a Point
// with a precomputed window table once that key has been used a few times. A conversation's messages are
// all signed by the sender's pre-key, so from the 8th message on a verify costs ~0.5–0.7 ms instead of
// ~1.2 ms (see bench/client-crypto.mjs). Nothing is skipped: every signature is still fully verified
// (same checks as noble's `verify` with `lowS: true`); only public data is cached.
//
// This is the change suggested for packages/client/src/crypto/backend.ts, measured end to end here
// through the public `setSecp256k1Backend` hook without touching the client's sources.
import { secp256k1 } from '@noble/curves/secp256k1.js'

const { Point } = secp256k1
const N = Point.CURVE().n
const HALF_N = N >> 1n
const G = Point.BASE

const toBig = (bytes) => {
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return BigInt(`0x${hex || '0'}`)
}
const mod = (a) => ((a % N) + N) % N
/** Modular inverse mod N (extended Euclid; public values only). */
function invN(a) {
  let [oldR, r] = [mod(a), N]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return mod(oldS)
}

/** Uses before a key gets a 4-bit table (~7 ms once), and before it gets an 8-bit table (~50 ms once). */
const W4_AFTER = 8
const W8_AFTER = 256
const MAX_KEYS = 2_000

export function nobleCachedSecp256k1Backend() {
  const keys = new Map() // hex(public key) -> { uses, point }
  const hexOf = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')

  function pointFor(publicKey) {
    const id = hexOf(publicKey)
    let entry = keys.get(id)
    if (!entry) {
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value)
      entry = { uses: 0, point: undefined }
      keys.set(id, entry)
    }
    entry.uses++
    if (entry.uses === W4_AFTER || entry.uses === W8_AFTER) {
      // A fresh Point each time: noble keys its tables by Point instance.
      entry.point = Point.fromBytes(publicKey)
      entry.point.precompute(entry.uses === W4_AFTER ? 4 : 8)
    }
    return entry.point
  }

  return {
    name: 'noble-cached',
    getSharedSecret: (privateKey, publicKey) => secp256k1.getSharedSecret(privateKey, publicKey, false),
    verify(signature, digest, publicKey) {
      const Q = pointFor(publicKey)
      if (!Q) return secp256k1.verify(signature, digest, publicKey, { prehash: false, lowS: true })
      if (signature.length !== 64 || digest.length !== 32) return false
      const r = toBig(signature.subarray(0, 32))
      const s = toBig(signature.subarray(32))
      if (r <= 0n || r >= N || s <= 0n || s > HALF_N) return false
      const w = invN(s)
      const R = G.multiplyUnsafe(mod(toBig(digest) * w)).add(Q.multiplyUnsafe(mod(r * w)))
      if (R.is0()) return false
      return mod(R.toAffine().x) === r
    },
    recoverPublicKey: (signature, recovery, digest) =>
      secp256k1.Signature.fromBytes(signature, 'compact').addRecoveryBit(recovery).recoverPublicKey(digest).toBytes(false),
  }
}
