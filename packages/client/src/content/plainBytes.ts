/**
 * A plain `Uint8Array` copy of `bytes`. protobufjs writes and slices Node `Buffer`s when it finds one, and
 * the kit hands out plain arrays only (equal in tests, the same in every runtime, no pooled memory).
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}
