import { type ConsentProof, getAddress, isAddress } from '@xmtp-kit/client'
import { numberedLines, splitCsvLine } from './csv.js'

/** A recipient's consent proof read from the proofs file. */
export interface ProofEntry {
  /** Where it was: `line 4`, or `entry 3` in a JSON array. */
  where: string
  /** EIP-55: the wallet that signed it. */
  address: string
  proof: ConsentProof
}

export interface SkippedProof {
  where: string
  reason: string
}

const SIGNATURE = /^0x[0-9a-fA-F]{130}$/

function toEntry(where: string, value: unknown): ProofEntry | SkippedProof {
  if (typeof value !== 'object' || value === null) return { where, reason: 'not an object with address, signature and timestamp' }
  const { address, signature, timestamp } = value as Record<string, unknown>
  if (!isAddress(address)) return { where, reason: 'no wallet address' }
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return { where, reason: 'the signature is not 65 bytes of hex' }
  const ms = typeof timestamp === 'string' && /^\d+$/.test(timestamp) ? Number(timestamp) : timestamp
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms <= 0) return { where, reason: 'the timestamp is not a time in milliseconds' }
  return { where, address: getAddress(address), proof: { signature, timestamp: ms } }
}

/**
 * Consent proofs (§11.3), one per recipient, as a team stores them (e.g. from `SubscribeButton`'s
 * `onSubscribe`): a CSV with the columns `address,signature,timestamp` (header optional, in that order without
 * one), JSON Lines, or a JSON array of `{ address, signature, timestamp }`. Unusable entries are skipped with
 * their place and reason; a later entry for the same wallet replaces an earlier one.
 */
export function parseProofs(text: string): { proofs: Map<string, ProofEntry>; skipped: SkippedProof[] } {
  const proofs = new Map<string, ProofEntry>()
  const skipped: SkippedProof[] = []
  const take = (entry: ProofEntry | SkippedProof) => ('proof' in entry ? proofs.set(entry.address, entry) : skipped.push(entry))
  const trimmed = text.replace(/^\uFEFF/, '').trim()

  if (trimmed.startsWith('[')) {
    let list: unknown
    try {
      list = JSON.parse(trimmed)
    } catch {
      return { proofs, skipped: [{ where: 'the file', reason: 'not valid JSON' }] }
    }
    if (!Array.isArray(list)) return { proofs, skipped: [{ where: 'the file', reason: 'not a JSON array' }] }
    list.forEach((value, i) => take(toEntry(`entry ${i + 1}`, value)))
    return { proofs, skipped }
  }

  let columns: { address: number; signature: number; timestamp: number } | undefined
  for (const { line, text: raw } of numberedLines(text)) {
    const where = `line ${line}`
    const row = raw.trim()
    if (row === '' || row.startsWith('#')) continue
    if (row.startsWith('{')) {
      try {
        take(toEntry(where, JSON.parse(row)))
      } catch {
        skipped.push({ where, reason: 'not valid JSON' })
      }
      continue
    }
    const cells = splitCsvLine(row)
    if (!columns) {
      const named = cells.map((c) => c.toLowerCase())
      if (named.includes('address') && named.includes('signature') && named.includes('timestamp')) {
        columns = { address: named.indexOf('address'), signature: named.indexOf('signature'), timestamp: named.indexOf('timestamp') }
        continue
      }
      columns = { address: 0, signature: 1, timestamp: 2 }
    }
    take(toEntry(where, { address: cells[columns.address], signature: cells[columns.signature], timestamp: cells[columns.timestamp] }))
  }
  return { proofs, skipped }
}
