// `@xmtp-kit/client/wasm`: libsecp256k1 compiled to WebAssembly (tiny-secp256k1), 5–12× faster than the
// default pure-JavaScript backend. Loads its .wasm from disk in Node; in browsers it needs a bundler that
// handles `.wasm` imports and a CSP that allows `wasm-unsafe-eval`, so the default backend stays noble.
export { wasmSecp256k1Backend } from './crypto/wasmBackend.js'
// From the main entry by name, so that the backend installed here is the one the client uses.
export { setSecp256k1Backend, getSecp256k1Backend, nobleSecp256k1Backend, type Secp256k1Backend } from '@xmtp-kit/client'
