import { secp256k1 } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildPrivatePreferencesTopic } from '../../../packages/client/src/consent/buildPrivatePreferencesTopic.js'
import { wasm } from './support.js'

describe('buildPrivatePreferencesTopic', () => {
  test('default: the libxmtp known-answer vector (xmtp_user_preferences/src/topic.rs, spec §11.1)', () => {
    const key = new Uint8Array([
      69, 239, 223, 17, 3, 219, 126, 21, 172, 74, 55, 18, 123, 240, 246, 149, 158, 74, 183, 229, 236, 98, 133, 184, 95, 44, 130, 35, 138, 113, 36, 211,
    ])
    expect(buildPrivatePreferencesTopic(key)).toBe('/xmtp/0/userpreferences-EBsHSM9lLmELuUVCMJ-tPE0kDcok1io9IwUO6WPC-cM/proto')
  })

  test('behavior: equals the id the official SDK derives (libxmtp bindings) for any key', () => {
    fc.assert(
      fc.property(fc.constant(null).map(() => secp256k1.utils.randomSecretKey()), (key) => {
        expect(buildPrivatePreferencesTopic(key)).toBe(`/xmtp/0/userpreferences-${wasm.generate_private_preferences_topic(key)}/proto`)
      }),
      { numRuns: 50 },
    )
  })

  test('parameters: identityPrivateKey must be 32 bytes', () => {
    expect(() => buildPrivatePreferencesTopic(new Uint8Array(31))).toThrow(TypeError)
    expect(() => buildPrivatePreferencesTopic('00' as unknown as Uint8Array)).toThrow(/identityPrivateKey/)
  })
})
