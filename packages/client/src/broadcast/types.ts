import type { KitError } from '../errors/KitError.js'

/** Where a recipient failed: the reach check, starting (or finding) the conversation, or sending. */
export type BroadcastStage = 'check' | 'conversation' | 'send'

/** A recipient that was not a usable address: `malformed`, or this wallet itself (`self`). */
export interface BroadcastInvalid {
  /** As given. */
  input: string
  reason: 'malformed' | 'self'
}

/** A recipient who has the message. */
export interface BroadcastSent {
  /** EIP-55 address. */
  address: string
  /** The conversation's topic. */
  topic: string
  /** The message's id; for an earlier run's message, the journal's, else `undefined` (see `alreadyDelivered`). */
  messageId: string | undefined
  /**
   * True when an earlier run had delivered it (recorded in the `journal`, or found in the conversation through
   * `skipDeliveredSinceNs` or an unfinished journal entry), so it was not sent again.
   */
  alreadyDelivered: boolean
}

/** A recipient who could not be reached. Retrying means broadcasting again to these addresses. */
export interface BroadcastFailure {
  /** EIP-55 address. */
  address: string
  stage: BroadcastStage
  /** Typed (`TransportError`, `NotOnNetworkError`, …; anything else as a `BroadcastError`); never holds plaintext or keys. */
  error: KitError
}

/** Counts so far. `total` is the number of distinct valid recipients. */
export interface BroadcastProgress {
  phase: 'checking' | 'sending' | 'done'
  total: number
  checked: number
  onNetwork: number
  notOnNetwork: number
  sent: number
  failed: number
  cancelled: number
}

/**
 * One recipient's step, in order: `checked`, then for those on the network `sending` (just before the message
 * is published) and `sent` or `failed`. A failed reach check gives `failed` without `checked`.
 */
export type BroadcastEvent =
  | { type: 'checked'; address: string; onNetwork: boolean }
  | { type: 'sending'; address: string; topic: string }
  | ({ type: 'sent' } & BroadcastSent)
  | ({ type: 'failed' } & BroadcastFailure)

/** Each list keeps the order in which the recipients were given. */
export interface BroadcastReport {
  /**
   * When the run started, ns since the epoch. When retrying after failures, pass the first run's as
   * `skipDeliveredSinceNs`: a send whose answer was lost may still have been stored.
   */
  startedNs: bigint
  /** Distinct valid recipients. */
  total: number
  sent: BroadcastSent[]
  /** EIP-55 addresses without an XMTP identity. */
  notOnNetwork: string[]
  failed: BroadcastFailure[]
  invalid: BroadcastInvalid[]
  /** Recipients not reached because the run was aborted (never started, or stopped in flight). */
  cancelled: string[]
  aborted: boolean
}
