import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { createConsentProofText } from '../../../packages/client/src/consent/createConsentProofText.js'
import { InvalidAddressError } from '../../../packages/client/src/errors/errors.js'

const { createConsentMessage } = createRequire(import.meta.url)('@xmtp/consent-proof-signature') as typeof import('@xmtp/consent-proof-signature')

describe('createConsentProofText', () => {
  test('default: the exact text of the spec (§11.3)', () => {
    expect(createConsentProofText(1_700_000_000_000, '0x5fbdb2315678afecb367f032d93f642f64180aa3')).toBe(
      'XMTP : Grant inbox consent to sender\n\nCurrent Time: Tue, 14 Nov 2023 22:13:20 GMT\nFrom Address: 0x5FbDB2315678afecb367f032d93F642f64180aa3\n\nFor more info: https://xmtp.org/signatures/',
    )
  })

  test('behavior: equals @xmtp/consent-proof-signature createConsentMessage for a checksummed address', () => {
    for (const ts of [0, 1, 1_700_000_000_000, Date.now()]) {
      const address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
      expect(createConsentProofText(ts, address)).toBe(createConsentMessage(address, ts))
    }
  })

  test('parameters: timestampMs and senderAddress are checked', () => {
    expect(() => createConsentProofText(1.5, '0x5FbDB2315678afecb367f032d93F642f64180aa3')).toThrow(TypeError)
    expect(() => createConsentProofText(-1, '0x5FbDB2315678afecb367f032d93F642f64180aa3')).toThrow(/timestampMs/)
    expect(() => createConsentProofText(1, '0x5FbD')).toThrow(InvalidAddressError)
  })
})
