import { getAddress, isAddress } from '@xmtp-kit/client'
import { numberedLines, splitCsvLine } from './csv.js'

/** A recipient read from the wallets file. */
export interface WalletRow {
  /** 1-based line in the file. */
  line: number
  /** EIP-55. */
  address: string
}

/** A line that names no usable recipient: reported, never sent to. */
export interface SkippedRow {
  line: number
  /** The cell as written (or the whole line when it had no such cell). */
  input: string
  reason: string
}

const HEADER = /^(address|wallet|wallet[ _-]?address|recipient|to)$/i

/**
 * The recipients of a wallets CSV: one address per line, in the column named `address` (or `wallet`,
 * `recipient`, `to`) when the first line is a header, else the first column holding an address on the first
 * line. Blank lines and `#` comments are ignored. Malformed addresses, mixed-case addresses whose EIP-55
 * checksum does not match (a typo) and repeats are skipped with their line number and reason.
 */
export function parseWalletsCsv(text: string): { rows: WalletRow[]; skipped: SkippedRow[]; header: { line: number; column: number; named: boolean } | undefined } {
  const rows: WalletRow[] = []
  const skipped: SkippedRow[] = []
  let header: { line: number; column: number; named: boolean } | undefined
  const seen = new Map<string, number>()
  let column: number | undefined
  for (const { line, text: raw } of numberedLines(text)) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue
    const cells = splitCsvLine(raw)
    if (column === undefined) {
      const address = cells.findIndex((c) => isAddress(c))
      const named = cells.findIndex((c) => HEADER.test(c))
      const hexLike = cells.findIndex((c) => /^0x/i.test(c))
      if (address >= 0) column = address
      else if (named >= 0 || hexLike < 0) {
        // A header: a known column name, or no cell that even looks like an address.
        column = named >= 0 ? named : 0
        header = { line, column, named: named >= 0 }
        continue
      } else column = hexLike // a first row with a malformed address, reported below
    }
    const input = cells[column]
    if (input === undefined || input === '') {
      skipped.push({ line, input: raw, reason: `no address in column ${column + 1}` })
      continue
    }
    if (!isAddress(input)) {
      skipped.push({ line, input, reason: 'not a wallet address (0x and 40 hex characters)' })
      continue
    }
    const address = getAddress(input)
    const lower = input.slice(2) === input.slice(2).toLowerCase()
    const upper = input.slice(2) === input.slice(2).toUpperCase()
    if (!lower && !upper && input !== address) {
      skipped.push({ line, input, reason: 'the EIP-55 checksum does not match (a typo?)' })
      continue
    }
    const earlier = seen.get(address)
    if (earlier !== undefined) {
      skipped.push({ line, input, reason: `repeats line ${earlier}` })
      continue
    }
    seen.set(address, line)
    rows.push({ line, address })
  }
  return { rows, skipped, header }
}
