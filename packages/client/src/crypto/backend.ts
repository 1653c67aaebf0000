import { secp256k1 } from '@noble/curves/secp256k1.js'

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

/** Pure-JavaScript backend (@noble/curves): the default, in browsers and Node. */
export const nobleSecp256k1Backend: Secp256k1Backend = {
  name: 'noble',
  getSharedSecret: (privateKey, publicKey) => secp256k1.getSharedSecret(privateKey, publicKey, false),
  verify: (signature, digest, publicKey) => secp256k1.verify(signature, digest, publicKey, { prehash: false, lowS: true }),
  recoverPublicKey: (signature, recovery, digest) =>
    secp256k1.Signature.fromBytes(signature, 'compact').addRecoveryBit(recovery).recoverPublicKey(digest).toBytes(false),
}

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
