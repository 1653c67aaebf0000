import { recoverMessageAddress, splitWalletSignature } from '../crypto/eip191.js'
import type { ConsentProof } from '../conversations/types.js'
import { createConsentProofText } from './createConsentProofText.js'

/** Proofs older than this are ignored (§11.3). */
const MAX_PROOF_AGE_MS = 30 * 24 * 60 * 60 * 1000

export interface IsValidConsentProofParameters {
  proof: ConsentProof
  /** The wallet the proof lets in: the conversation's peer. */
  senderAddress: string
  /** The wallet that must have signed it: this client's. */
  recipientAddress: string
  /** Default `Date.now()`. */
  nowMs?: number | undefined
}

/**
 * Whether a consent proof holds, as the official SDK checks it (§11.3): a timestamp (ms) in the past and
 * within 30 days, and a 65-byte signature that recovers, over EIP-191 of the consent text for the sender, to
 * the recipient's address. Never throws.
 */
export function isValidConsentProof({ proof, senderAddress, recipientAddress, nowMs = Date.now() }: IsValidConsentProofParameters): boolean {
  const { signature, timestamp } = proof
  if (typeof signature !== 'string' || !signature || !Number.isSafeInteger(timestamp) || timestamp <= 0) return false
  if (timestamp > nowMs || timestamp < nowMs - MAX_PROOF_AGE_MS) return false
  try {
    return recoverMessageAddress(createConsentProofText(timestamp, senderAddress), splitWalletSignature(signature)).toLowerCase() === recipientAddress.toLowerCase()
  } catch {
    return false
  }
}
