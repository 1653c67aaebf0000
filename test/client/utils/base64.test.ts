import { describe, expect, test } from 'vitest'
import { base64ToBytes, bytesToBase64 } from '../../../packages/client/src/utils/base64.js'
import { compareBytes, concatBytes, equalBytes } from '../../../packages/client/src/utils/bytes.js'

// Reference: Node's Buffer (RFC 4648), used only in the test.
const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

describe('bytesToBase64', () => {
  test('default: RFC 4648 §10 vectors', () => {
    const vectors = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']
    expect(vectors.map((s) => bytesToBase64(new TextEncoder().encode(s)))).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'])
  })

  test('behavior: matches Buffer on every byte value and length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length * 11) & 0xff)
      expect(bytesToBase64(bytes)).toBe(reference(bytes))
      expect(base64ToBytes(reference(bytes))).toEqual(bytes)
    }
  })
})

describe('base64ToBytes', () => {
  test('behavior: accepts URL-safe and unpadded forms, as protobuf JSON does', () => {
    const bytes = new Uint8Array([251, 255, 191])
    expect(base64ToBytes('+/+/')).toEqual(bytes)
    expect(base64ToBytes('-_-_')).toEqual(bytes)
    expect(base64ToBytes('+/8')).toEqual(new Uint8Array([251, 255]))
    expect(base64ToBytes('+/8=')).toEqual(new Uint8Array([251, 255]))
  })

  test('errors: refuses what is not base64', () => {
    expect(() => base64ToBytes('a')).toThrow(TypeError)
    expect(() => base64ToBytes('ab!d')).toThrow(TypeError)
    expect(() => base64ToBytes('abé=')).toThrow(TypeError)
  })
})

describe('compareBytes', () => {
  test('behavior: lexicographic, shorter first on a common prefix', () => {
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBeLessThan(0)
    expect(compareBytes(new Uint8Array([2]), new Uint8Array([1, 9]))).toBeGreaterThan(0)
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBeLessThan(0)
    expect(compareBytes(new Uint8Array([4, 5]), new Uint8Array([4, 5]))).toBe(0)
  })
})

describe('equalBytes', () => {
  test('default', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true)
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false)
    expect(equalBytes(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false)
  })
})

describe('concatBytes', () => {
  test('default', () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(new Uint8Array([1, 2, 3]))
  })
})
