/** Byte-wise equality, in time independent of where the arrays first differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * Lexicographic order, as SQLite orders BLOBs (`memcmp`, then the shorter first): negative if `a` sorts
 * first, 0 if equal, positive otherwise.
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!
  }
  return a.length - b.length
}

/** The arrays one after the other, in a new array. */
export function concatBytes(...arrays: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const array of arrays) length += array.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const array of arrays) {
    out.set(array, offset)
    offset += array.length
  }
  return out
}
