import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// Vitest's jsdom environment replaces the typed-array constructors with jsdom's, from another realm: bytes
// made by Node (Buffer, TextEncoder, protobufjs) then fail `instanceof Uint8Array` in @noble ("expected
// Uint8Array, got type=object"). Browsers have one realm; put Node's constructors back. A structured clone
// is made in Node's realm, so it hands out Node's constructors.
for (const name of [
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'Uint8ClampedArray',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'ArrayBuffer',
] as const) {
  const sample = name === 'ArrayBuffer' ? new ArrayBuffer(0) : new globalThis[name](0)
  Object.defineProperty(globalThis, name, { value: structuredClone(sample).constructor, writable: true, configurable: true })
}

// Live updates cross real timers, networks and (in the HTTP suite) a node: allow for a loaded CI machine.
configure({ asyncUtilTimeout: 5000 })

afterEach(() => cleanup())
