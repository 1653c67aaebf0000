import { getAddress } from '../crypto/address.js'

/**
 * The text a recipient's wallet signs (EIP-191) to let `senderAddress` reach it (§11.3, XIP-43): attach the
 * signature and `timestampMs` to the sender's invitation as a consent proof, and the recipient's clients allow
 * the sender. Same text as `@xmtp/consent-proof-signature`'s `createConsentMessage`, with the address
 * checksummed, since verifiers rebuild it from the checksummed peer address.
 *
 * @throws {TypeError} when `timestampMs` is not a non-negative safe integer.
 * @throws {InvalidAddressError} for a malformed address.
 * @example
 * const timestamp = Date.now()
 * const signature = await wallet.signMessage(createConsentProofText(timestamp, senderAddress))
 */
export function createConsentProofText(timestampMs: number, senderAddress: string): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new TypeError('timestampMs must be a non-negative safe integer.')
  return (
    'XMTP : Grant inbox consent to sender\n' +
    '\n' +
    `Current Time: ${new Date(timestampMs).toUTCString()}\n` +
    `From Address: ${getAddress(senderAddress)}\n` +
    '\n' +
    'For more info: https://xmtp.org/signatures/'
  )
}
