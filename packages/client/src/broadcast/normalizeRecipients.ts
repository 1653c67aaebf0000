import { getAddress, isAddress } from '../crypto/address.js'
import type { BroadcastInvalid } from './types.js'

/** Distinct EIP-55 addresses in first-seen order; anything else (and the sender itself) as invalid. */
export function normalizeRecipients(recipients: readonly string[], self: string): { addresses: string[]; invalid: BroadcastInvalid[] } {
  const addresses: string[] = []
  const invalid: BroadcastInvalid[] = []
  const seen = new Set<string>()
  for (const input of recipients) {
    if (!isAddress(input)) {
      invalid.push({ input: String(input), reason: 'malformed' })
      continue
    }
    const address = getAddress(input)
    if (seen.has(address)) continue
    seen.add(address)
    if (address === self) invalid.push({ input, reason: 'self' })
    else addresses.push(address)
  }
  return { addresses, invalid }
}
