const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Sextet value of each character code; both alphabets (`+/` and `-_`) decode. -1 = not base64. */
const DECODE = /* @__PURE__ */ (() => {
  const table = new Int16Array(128).fill(-1)
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i
  table['-'.charCodeAt(0)] = 62
  table['_'.charCodeAt(0)] = 63
  return table
})()

/**
 * Standard, padded base64 (RFC 4648 §4): the form protobuf JSON uses for `bytes`.
 *
 * @example
 * bytesToBase64(new Uint8Array([104, 105])) // 'aGk='
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = ''
  const full = bytes.length - (bytes.length % 3)
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  const rest = bytes.length - full
  if (rest === 1) {
    const n = bytes[full]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '=='
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '='
  }
  return out
}

/**
 * Decodes base64 in any of the forms protobuf JSON accepts: standard or URL-safe alphabet, padded or not.
 *
 * @throws {TypeError} if `text` is not base64.
 * @example
 * base64ToBytes('aGk=') // Uint8Array [104, 105]
 */
export function base64ToBytes(text: string): Uint8Array {
  let end = text.length
  if (end % 4 === 0 && text.charCodeAt(end - 1) === 61) end -= text.charCodeAt(end - 2) === 61 ? 2 : 1
  if (end % 4 === 1) throw new TypeError('text is not base64 (bad length).')
  const out = new Uint8Array(Math.floor((end * 3) / 4))
  let o = 0
  let buffer = 0
  let bits = 0
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i)
    const value = code < 128 ? DECODE[code]! : -1
    if (value < 0) throw new TypeError('text is not base64 (unexpected character).')
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buffer >> bits) & 0xff
    }
  }
  return out
}
