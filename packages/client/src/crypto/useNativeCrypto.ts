import { getSecp256k1Backend, nobleSecp256k1Backend, setSecp256k1Backend } from './backend.js'
import { wasmSecp256k1Backend } from './wasmBackend.js'

let attempt: Promise<void> | undefined

const isNode = (): boolean =>
  typeof process === 'object' && process !== null && typeof (process as { versions?: { node?: unknown } }).versions?.node === 'string'

/**
 * In Node, switches the default pure-JavaScript secp256k1 backend to libsecp256k1 (WebAssembly), which
 * opens invitations and checks signatures 5–12× faster. Does nothing in browsers, when another backend was
 * installed with `setSecp256k1Backend`, or when the module cannot load (the default stays).
 */
export function useNativeCrypto(): Promise<void> {
  attempt ??= (async () => {
    if (!isNode() || getSecp256k1Backend() !== nobleSecp256k1Backend) return
    try {
      const backend = await wasmSecp256k1Backend()
      if (getSecp256k1Backend() === nobleSecp256k1Backend) setSecp256k1Backend(backend)
    } catch {
      // stay on the pure-JavaScript backend
    }
  })()
  return attempt
}
