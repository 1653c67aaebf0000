import type { BroadcastProgress } from '@xmtp-kit/client'
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { csvCell, splitCsvLine } from '../../packages/client/src/broadcast/cli/csv.js'
import { createProgressReporter } from '../../packages/client/src/broadcast/cli/progress.js'
import { parseProofs } from '../../packages/client/src/broadcast/cli/proofsFile.js'
import { parseWalletsCsv } from '../../packages/client/src/broadcast/cli/walletsCsv.js'

const address = () => privateKeyToAccount(generatePrivateKey()).address
const signature = `0x${'ab'.repeat(65)}`

describe('parseWalletsCsv', () => {
  test('default: one address per line; bad lines are skipped with their number and reason', () => {
    const [a, b, c] = [address(), address(), address()]
    const typo = a.slice(0, 2) + [...a.slice(2)].map((ch) => (/[a-f]/.test(ch) ? ch.toUpperCase() : /[A-F]/.test(ch) ? ch.toLowerCase() : ch)).join('')
    const text = `${a}\n\n# a comment\n${b.toLowerCase()}\nnope\n${a}\n${typo}\n0x12\n"${c}"\r\n`
    const { rows, skipped, header } = parseWalletsCsv(text)
    expect(header).toBeUndefined()
    expect(rows).toEqual([
      { line: 1, address: a },
      { line: 4, address: b },
      { line: 9, address: c },
    ])
    expect(skipped).toEqual([
      { line: 5, input: 'nope', reason: 'not a wallet address (0x and 40 hex characters)' },
      { line: 6, input: a, reason: 'repeats line 1' },
      { line: 7, input: typo, reason: 'the EIP-55 checksum does not match (a typo?)' },
      { line: 8, input: '0x12', reason: 'not a wallet address (0x and 40 hex characters)' },
    ])
  })

  test('behavior: a header names the column; without a known name the first column is read and the header reported', () => {
    const [a, b] = [address(), address()]
    expect(parseWalletsCsv(`name,Wallet Address\nalice,${a}\nbob,\n`)).toEqual({
      rows: [{ line: 2, address: a }],
      skipped: [{ line: 3, input: 'bob,', reason: 'no address in column 2' }],
      header: { line: 1, column: 1, named: true },
    })
    expect(parseWalletsCsv(`who\n${b}\n`)).toMatchObject({ rows: [{ line: 2, address: b }], header: { line: 1, column: 0, named: false } })
    // A first line that only looks wrong is a bad row, not a header.
    expect(parseWalletsCsv(`0x123\n${b}\n`)).toMatchObject({ rows: [{ line: 2, address: b }], skipped: [{ line: 1, input: '0x123' }], header: undefined })
    // Without a header, the column is where the first line has its address.
    expect(parseWalletsCsv(`alice,${a}\nbob,${b}\n`).rows.map((r) => r.address)).toEqual([a, b])
  })
})

describe('parseProofs', () => {
  test('default: CSV with a header, JSON Lines and a JSON array; bad entries are skipped with their place', () => {
    const [a, b] = [address(), address()]
    const csv = parseProofs(`timestamp,address,signature\n1700000000000,${a.toLowerCase()},${signature}\n12,${b},0x12\n`)
    expect([...csv.proofs.values()]).toEqual([{ where: 'line 2', address: a, proof: { signature, timestamp: 1700000000000 } }])
    expect(csv.skipped).toEqual([{ where: 'line 3', reason: 'the signature is not 65 bytes of hex' }])

    const lines = parseProofs(`{"address":"${a}","signature":"${signature}","timestamp":5}\n{nope\n{"address":"x"}\n`)
    expect([...lines.proofs.keys()]).toEqual([a])
    expect(lines.skipped).toEqual([
      { where: 'line 2', reason: 'not valid JSON' },
      { where: 'line 3', reason: 'no wallet address' },
    ])

    const array = parseProofs(JSON.stringify([{ address: b, signature, timestamp: '7' }, { address: a, signature, timestamp: -1 }, 3]))
    expect([...array.proofs.values()]).toEqual([{ where: 'entry 1', address: b, proof: { signature, timestamp: 7 } }])
    expect(array.skipped.map((s) => s.where)).toEqual(['entry 2', 'entry 3'])
    expect(parseProofs('[oops').skipped).toEqual([{ where: 'the file', reason: 'not valid JSON' }])
    // Without a header: address, signature, timestamp.
    expect(parseProofs(`${a},${signature},9`).proofs.get(a)?.proof.timestamp).toBe(9)
  })
})

describe('splitCsvLine, csvCell', () => {
  test('default: quoted cells round-trip', () => {
    for (const value of ['plain', 'a,b', 'say "hi"', '']) expect(splitCsvLine(`x,${csvCell(value)},y`)).toEqual(['x', value, 'y'])
  })
})

describe('createProgressReporter', () => {
  const at = (change: Partial<BroadcastProgress>): BroadcastProgress => ({ phase: 'sending', total: 10, checked: 10, onNetwork: 10, notOnNetwork: 0, sent: 0, failed: 0, cancelled: 0, ...change })

  test('parameters: lines: a line per phase and per 10 % step, nothing redrawn', () => {
    let out = ''
    let clock = 0
    const progress = createProgressReporter('lines', (t) => (out += t), () => clock)
    progress.update(at({ phase: 'checking', checked: 0, onNetwork: 0 }))
    progress.update(at({ phase: 'checking', checked: 10, onNetwork: 8, notOnNetwork: 2 }))
    progress.update(at({ onNetwork: 8, notOnNetwork: 2 }))
    for (let sent = 1; sent <= 8; sent++) {
      clock += 500
      progress.update(at({ onNetwork: 8, notOnNetwork: 2, sent: sent === 8 ? 7 : sent, failed: sent === 8 ? 1 : 0 }))
    }
    progress.note('a warning')
    progress.update(at({ phase: 'done', onNetwork: 8, notOnNetwork: 2, sent: 7, failed: 1 }))
    progress.finish()
    const lines = out.split('\n')
    expect(lines.slice(0, 4)).toEqual(['checking 10 wallets…', 'checked 10/10 (8 on XMTP, 2 not)', 'sending to 8 wallets on XMTP…', 'sent 1/8'])
    expect(lines.at(-3)).toBe('sent 7/8 (1 failed) · 2 msg/s')
    expect(lines.at(-2)).toBe('a warning')
    expect(out).not.toMatch(/[\r\x1b]/)
  })

  test('parameters: bar: one line redrawn in place, notes printed above it', () => {
    let out = ''
    let clock = 0
    const progress = createProgressReporter('bar', (t) => (out += t), () => clock)
    progress.update(at({ phase: 'checking', checked: 10 }))
    progress.update(at({}))
    clock += 1000
    progress.update(at({ sent: 5 }))
    progress.note('warning')
    progress.update(at({ phase: 'done', sent: 10 }))
    progress.finish()
    expect(out).toContain(`\r\x1b[2KChecking [${'█'.repeat(24)}] checked 10/10 (10 on XMTP, 0 not)\n`)
    expect(out).toContain(`\r\x1b[2KSending  [${'█'.repeat(12)}${'░'.repeat(12)}] sent 5/10 · 5 msg/s\r\x1b[2Kwarning\n`)
    expect(out.endsWith(`\r\x1b[2KSending  [${'█'.repeat(24)}] sent 10/10 · 10 msg/s\n`)).toBe(true)
  })
})
