import { secp256k1 } from '@noble/curves/secp256k1.js'
import { bytesToHex, bytesToNumberBE } from '@noble/curves/utils.js'

/**
 * The secp256k1 operations that dominate an inbox's cost (ECDH when opening invitations, signature
 * verification and recovery when reading messages and bundles). The default is pure JavaScript (@noble),
 * which runs everywhere; a faster implementation can be installed with {@link setSecp256k1Backend}.
 */
export interface Secp256k1Backend {
  readonly name: string
  /** ECDH as XMTP uses it: the full 65-byte uncompressed point `privateKey · publicKey`. */
  getSharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array
  /** Strict (low-S) verification of a 64-byte `R‖S` signature over a 32-byte digest. May throw on malformed input. */
  verify(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean
  /** The 65-byte uncompressed public key that signed `digest`; throws when there is none. */
  recoverPublicKey(signature: Uint8Array, recovery: number, digest: Uint8Array): Uint8Array
}

const { Point } = secp256k1
const N = Point.CURVE().n
const HALF_N = N >> 1n
const mod = (a: bigint) => ((a % N) + N) % N

/** Modular inverse mod N by extended Euclid (public values only: signature scalars). */
function invertModN(a: bigint): bigint {
  let [oldR, r] = [mod(a), N]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return mod(oldS)
}

/**
 * A conversation's messages are all signed by the sender's pre-key, so verification keeps, per public key
 * seen often, a point with a precomputed multiplication table: a 4-bit window after 8 uses, an 8-bit one
 * after 256. Every signature is still fully verified; only public data is cached.
 */
const W4_AFTER = 8
const W8_AFTER = 256
const MAX_KEYS = 2_000

function createNobleBackend(): Secp256k1Backend {
  const keys = new Map<string, { uses: number; point: InstanceType<typeof Point> | undefined }>()
  const pointFor = (publicKey: Uint8Array) => {
    const id = bytesToHex(publicKey)
    let entry = keys.get(id)
    if (!entry) {
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!)
      keys.set(id, (entry = { uses: 0, point: undefined }))
    }
    entry.uses++
    if (entry.uses === W4_AFTER || entry.uses === W8_AFTER) {
      // A fresh point each time: noble keeps precomputed tables per point instance.
      const point = Point.fromBytes(publicKey)
      point.precompute(entry.uses === W4_AFTER ? 4 : 8)
      entry.point = point
    }
    return entry.point
  }
  return {
    name: 'noble',
    getSharedSecret: (privateKey, publicKey) => secp256k1.getSharedSecret(privateKey, publicKey, false),
    verify(signature, digest, publicKey) {
      const Q = pointFor(publicKey)
      if (!Q) return secp256k1.verify(signature, digest, publicKey, { prehash: false, lowS: true })
      // ECDSA verification (SEC 1 4.1.4) with strict low-S, as noble's own verify with `lowS: true`.
      if (signature.length !== 64 || digest.length !== 32) return false
      const r = bytesToNumberBE(signature.subarray(0, 32))
      const s = bytesToNumberBE(signature.subarray(32))
      if (r <= 0n || r >= N || s <= 0n || s > HALF_N) return false
      const w = invertModN(s)
      const R = Point.BASE.multiplyUnsafe(mod(bytesToNumberBE(digest) * w)).add(Q.multiplyUnsafe(mod(r * w)))
      if (R.is0()) return false
      return mod(R.toAffine().x) === r
    },
    recoverPublicKey: (signature, recovery, digest) =>
      secp256k1.Signature.fromBytes(signature, 'compact').addRecoveryBit(recovery).recoverPublicKey(digest).toBytes(false),
  }
}

/** Pure-JavaScript backend (@noble/curves): the default, in browsers and Node. */
export const nobleSecp256k1Backend: Secp256k1Backend = createNobleBackend()

let current: Secp256k1Backend = nobleSecp256k1Backend

/** The backend in use. */
export const getSecp256k1Backend = (): Secp256k1Backend => current

/**
 * Installs a faster secp256k1 implementation for every client in this realm (e.g. `wasmSecp256k1Backend()`
 * from `@xmtp-kit/client/wasm` in Node). Pass nothing to go back to the default.
 *
 * @example
 * import { wasmSecp256k1Backend } from '@xmtp-kit/client/wasm'
 * setSecp256k1Backend(await wasmSecp256k1Backend())
 */
export function setSecp256k1Backend(backend: Secp256k1Backend = nobleSecp256k1Backend): void {
  current = backend
}
