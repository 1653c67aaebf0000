import type { Secp256k1Backend } from './backend.js'

// Not a literal: browser bundlers must not follow this import (the WebAssembly build needs a `.wasm`
// loader and a CSP allowing `wasm-unsafe-eval`); in Node it resolves at run time.
const MODULE = 'tiny-secp256k1'

/**
 * A secp256k1 backend on libsecp256k1 (WebAssembly, via tiny-secp256k1), loaded on first call.
 *
 * @throws {Error} when the WebAssembly module cannot be loaded in this environment.
 */
export async function wasmSecp256k1Backend(): Promise<Secp256k1Backend> {
  const ecc = (await import(/* @vite-ignore */ MODULE)) as typeof import('tiny-secp256k1')
  return {
    name: 'wasm',
    getSharedSecret(privateKey, publicKey) {
      const point = ecc.pointMultiply(publicKey, privateKey, false)
      if (!point) throw new Error('ECDH produced the point at infinity.')
      return point
    },
    verify: (signature, digest, publicKey) => ecc.verify(digest, publicKey, signature, true),
    recoverPublicKey(signature, recovery, digest) {
      const key = ecc.recover(digest, signature, recovery as 0 | 1, false)
      if (!key) throw new Error('The signature recovers to no public key.')
      return key
    },
  }
}
