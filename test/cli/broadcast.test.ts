/**
 * `xmtp-kit broadcast` end to end: the CLI in a child process against the real node (in this process, SQLite
 * file), 1,000 wallets of which 100 have no XMTP identity. Identities are made with local keys, several at
 * once (about 10 s for 900 here).
 */
import {
  applyConsentProofs,
  type Client,
  createClient,
  createConsentProofText,
  fetchLastMessages,
  getConversationConsent,
  httpTransport,
  listConversations,
  type Transport,
} from '@xmtp-kit/client'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readFrom } from '../client/broadcast/support.js'
import { createIdentity, type Identity, pool, root, runCli, runCliOnTerminal, stranger } from './support.js'

const REACHABLE = 900
const STRANGERS = 100
const MESSAGE = 'gm! Our airdrop claim window opens tomorrow at 14:00 UTC.'

const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-cli-'))
let node: StartNodeReturnType
let transport: Transport
let reachable: Identity[]
let strangers: string[]

/** A sender with its keys in a file (hex). */
async function newSender(name: string): Promise<{ identity: Identity; keysFile: string }> {
  const identity = await createIdentity(transport)
  const keysFile = join(dir, `${name}.keys`)
  writeFileSync(keysFile, `${Buffer.from(identity.keys).toString('hex')}\n`)
  return { identity, keysFile }
}

const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** The report CSV's rows (no cell of ours holds a comma, except quoted details). */
function readReport(path: string): { line: number; address: string; status: string; detail: string }[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n')
  expect(header).toBe('line,address,status,detail,topic,message_id')
  return lines.map((l) => {
    const [line, address, status, ...rest] = l.split(',')
    return { line: Number(line), address: address!, status: status!, detail: rest.slice(0, -2).join(',').replace(/^"|"$/g, '') }
  })
}

/** Per reachable wallet, how many messages the sender's conversations with it hold (read from the node). */
async function copiesPerWallet(senderKeys: Uint8Array, wallets: readonly string[]): Promise<{ copies: Map<string, number>; texts: Set<string> }> {
  const sender = await createClient({ keys: senderKeys, transport, publishContact: false })
  const conversations = await listConversations(sender)
  const copies = new Map(wallets.map((w) => [w, 0]))
  const byTopic = new Map(conversations.map((c) => [c.topic, c]))
  const topics = [...byTopic.keys()]
  for (let i = 0; i < topics.length; i += 50) {
    const answers = await transport.batchQuery(topics.slice(i, i + 50).map((contentTopic) => ({ contentTopic })))
    answers.forEach((envelopes, j) => {
      const peer = byTopic.get(topics[i + j]!)!.peerAddress
      copies.set(peer, (copies.get(peer) ?? 0) + envelopes.length)
    })
  }
  const last = await fetchLastMessages(sender, { conversations })
  return { copies, texts: new Set([...last.values()].map((m) => String(m?.content))) }
}

beforeAll(async () => {
  node = await startNode({ port: 0, db: join(dir, 'node.db'), rateLimit: false, onError: () => undefined })
  transport = httpTransport({ url: node.url })
  reachable = await pool(REACHABLE, 8, () => createIdentity(transport))
  strangers = Array.from({ length: STRANGERS }, stranger)
}, 120_000)
afterAll(async () => {
  await node?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('xmtp-kit broadcast', () => {
  test('behavior: 1,000 wallets, killed with SIGKILL mid-run and run again with the same command: every reachable wallet has exactly one copy, the report counts are exact', async () => {
    const { identity: sender, keysFile } = await newSender('airdrop')
    // Wallets on the network and not, interleaved, with a header, a blank line and three bad lines.
    const wallets = ['address,label']
    const bad: number[] = []
    for (let i = 0; i < REACHABLE; i++) {
      wallets.push(`${reachable[i]!.address},holder ${i}`)
      if (i % 9 === 0) wallets.push(`${strangers[i / 9]!},no xmtp ${i / 9}`)
      if (i === 100) bad.push(wallets.push('0xnot-an-address,typo'))
      if (i === 400) wallets.push('')
      if (i === 500) bad.push(wallets.push(`${reachable[3]!.address},again`))
      if (i === 700) bad.push(wallets.push(`${reachable[7]!.address.slice(0, -1)}${reachable[7]!.address.endsWith('f') ? 'e' : 'f'},checksum`))
    }
    const to = file('holders.csv', `${wallets.join('\n')}\n`)
    const message = file('message.txt', `${MESSAGE}\n`)
    const args = ['broadcast', '--node', node.url, '--keys', keysFile, '--to', to, '--message', message, '--concurrency', '8']

    // 1. Killed once a few hundred sends are recorded.
    const first = runCli(args)
    let journal = ''
    const sentLines = () => (journal.match(/"type":"sent"/g) ?? []).length
    const started = Date.now()
    while (sentLines() < 300) {
      await new Promise((r) => setTimeout(r, 25))
      const path = findJournal(dir)
      journal = path ? readFileSync(path, 'utf8') : ''
      if (Date.now() - started > 60_000) throw new Error(`no progress: ${first.stderr()}`)
    }
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    journal = readFileSync(findJournal(dir)!, 'utf8')
    const recorded = sentLines()
    const inFlight = (journal.match(/"type":"sending"/g) ?? []).length - recorded
    expect(recorded).toBeGreaterThanOrEqual(300)
    expect(recorded).toBeLessThan(REACHABLE)
    expect(existsSync(findReport(dir) ?? '')).toBe(false)

    // 2. The same command again.
    const second = runCli(args)
    expect(await second.exited).toBe(0)
    const out = second.stdout()
    expect(out).toMatch(new RegExp(`^Sent: +${REACHABLE} \\((\\d+) by an earlier run\\)$`, 'm'))
    const earlier = Number(/by an earlier run/.test(out) ? /\((\d+) by an earlier run\)/.exec(out)![1] : 0)
    // Those recorded as sent, plus those in flight at the kill whose message had reached the node.
    expect(earlier).toBeGreaterThanOrEqual(recorded)
    expect(earlier).toBeLessThanOrEqual(recorded + inFlight)
    expect(out).toMatch(new RegExp(`^Not on XMTP: +${STRANGERS}$`, 'm'))
    expect(out).toMatch(/^Failed: +0$/m)
    expect(out).toContain(`Skipped:      3 (lines ${bad.join(', ')})`)
    expect(out).not.toContain(MESSAGE)
    // Not a terminal: plain lines, no cursor movement; each bad line named by its number.
    const err = second.stderr()
    expect(err).not.toMatch(/[\r\x1b]/)
    expect(err).toContain(`resuming from ${findJournal(dir)}`)
    expect(err).toContain(`holders.csv:${bad[0]}: skipped: not a wallet address`)
    expect(err).toContain(`holders.csv:${bad[1]}: skipped: repeats line`)
    expect(err).toContain(`holders.csv:${bad[2]}: skipped: the EIP-55 checksum does not match`)
    expect(err).toMatch(new RegExp(`^checked ${REACHABLE + STRANGERS}/${REACHABLE + STRANGERS} \\(${REACHABLE} on XMTP, ${STRANGERS} not\\)$`, 'm'))
    expect(err).toMatch(new RegExp(`^sent ${REACHABLE}/${REACHABLE}`, 'm'))

    const rows = readReport(findReport(dir)!)
    const byStatus = (s: string) => rows.filter((r) => r.status === s)
    expect(byStatus('sent').length + byStatus('sent_earlier').length).toBe(REACHABLE)
    expect(byStatus('sent_earlier')).toHaveLength(earlier)
    expect(new Set(byStatus('not_on_network').map((r) => r.address))).toEqual(new Set(strangers))
    expect(byStatus('skipped').map((r) => r.line)).toEqual(bad)
    expect(rows).toHaveLength(REACHABLE + STRANGERS + bad.length)

    // 3. Read from the node: one conversation and one message per reachable wallet, none for the others.
    const { copies, texts } = await copiesPerWallet(sender.keys, reachable.map((r) => r.address))
    expect([...copies.values()].filter((n) => n !== 1)).toEqual([])
    expect(copies.size).toBe(REACHABLE)
    expect(texts).toEqual(new Set([MESSAGE]))
    // And as a few recipients read it with their own clients.
    for (const r of [reachable[0]!, reachable[3]!, reachable[REACHABLE - 1]!]) {
      const client = await createClient({ keys: r.keys, transport, publishContact: false })
      expect(await readFrom(client, sender.address)).toEqual([[MESSAGE]])
    }

    // 4. A third run has nothing left to do.
    const third = runCli(args)
    expect(await third.exited).toBe(0)
    expect(third.stdout()).toContain(`Sent:         ${REACHABLE} (${REACHABLE} by an earlier run)`)
  }, 150_000)

  test('behavior: Ctrl-C stops after the sends in flight and writes the report; a second run at the same time is refused; the same command finishes the job', async () => {
    const { identity: sender, keysFile } = await newSender('interrupted')
    const wallets = reachable.slice(100, 400).map((r) => r.address)
    const to = file('interrupted.csv', `${wallets.join('\n')}\n`)
    const journal = join(dir, 'interrupted.journal')
    const report = join(dir, 'interrupted.report.csv')
    const args = ['broadcast', '--node', node.url, '--keys', keysFile, '--to', to, '--message', file('interrupted.txt', 'one each'), '--journal', journal, '--report', report]

    // Paced (--rate), so that it is still running while the second one starts.
    const first = runCli([...args, '--rate', '40'])
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('"type":"sent"'))) await new Promise((r) => setTimeout(r, 20))
    const concurrent = runCli(args)
    expect(await concurrent.exited).toBe(1)
    expect(concurrent.stderr()).toContain(`another run (pid ${first.child.pid}) is using ${journal}`)

    first.child.kill('SIGINT')
    expect(await first.exited).toBe(1)
    expect(first.stderr()).toContain('Stopping after the sends in flight')
    expect(first.stdout()).toMatch(/^Cancelled: +\d+$/m)
    const rows = readReport(report)
    expect(rows.filter((r) => r.status === 'cancelled').length).toBeGreaterThan(0)
    expect(rows.filter((r) => r.status === 'sent' || r.status === 'cancelled')).toHaveLength(wallets.length)
    expect(existsSync(`${journal}.lock`)).toBe(false)

    const again = runCli(args)
    expect(await again.exited).toBe(0)
    expect(again.stdout()).toContain(`Sent:         ${wallets.length} (`)
    const { copies } = await copiesPerWallet(sender.keys, wallets)
    expect([...copies.values()].filter((n) => n !== 1)).toEqual([])
  }, 60_000)

  test('behavior: on a terminal the progress is a bar redrawn in place; --progress lines forces plain lines', async () => {
    const { keysFile } = await newSender('terminal')
    const to = file('few.csv', `${reachable.slice(0, 12).map((r) => r.address).join('\n')}\n${strangers[0]}\nnot a wallet\n`)
    const message = file('terminal.txt', 'hello terminal')
    const tty = runCliOnTerminal(['broadcast', '--node', node.url, '--keys', keysFile, '--to', to, '--message', message, '--journal', join(dir, 'tty.journal')])
    expect(await tty.exited).toBe(0)
    const screen = tty.stdout()
    expect(screen).toMatch(/\r\x1b\[2KChecking \[█+\] checked 13\/13 \(12 on XMTP, 1 not\)/)
    expect(screen).toMatch(/\r\x1b\[2KSending  \[█{24}\] sent 12\/12/)
    expect(screen).toContain('few.csv:14: skipped: not a wallet address')
    expect(screen).toMatch(/Sent: +12\r?\n/)

    const message2 = file('lines.txt', 'hello lines')
    const piped = runCliOnTerminal(['broadcast', '--node', node.url, '--keys', keysFile, '--to', to, '--message', message2, '--progress', 'lines'])
    expect(await piped.exited).toBe(0)
    expect(piped.stdout()).not.toContain('\x1b[2K')
    expect(piped.stdout()).toMatch(/^sent 12\/12/m)
  }, 60_000)

  test('parameters: --proofs: a valid proof goes with the invitation and the recipient allows the sender; one for another sender is reported and left out', async () => {
    const { identity: sender, keysFile } = await newSender('proofs')
    const [a, b, other] = [reachable[20]!, reachable[21]!, reachable[22]!]
    const otherSender = stranger()
    // Each recipient's wallet signs the consent text: a for this sender, b for another one.
    const timestamp = Date.now() - 60_000
    const proofs = file(
      'proofs.csv',
      [
        'address,signature,timestamp',
        `${a.address},${await a.account.signMessage({ message: createConsentProofText(timestamp, sender.address) })},${timestamp}`,
        `${b.address},${await b.account.signMessage({ message: createConsentProofText(timestamp, otherSender) })},${timestamp}`,
        `${other.address},0x1234,${timestamp}`,
      ].join('\n'),
    )
    const to = file('proofs-to.csv', `${a.address}\n${b.address}\n${other.address}\n`)
    const message = file('proofs.txt', 'thanks for subscribing')
    const run = runCli(['broadcast', '--node', node.url, '--keys', keysFile, '--to', to, '--message', message, '--proofs', proofs])
    expect(await run.exited).toBe(0)
    expect(run.stderr()).toContain('proofs.csv: line 4: skipped: the signature is not 65 bytes of hex')
    expect(run.stderr()).toContain(`proofs.csv: line 3: the proof of ${b.address} does not hold for this sender`)
    expect(run.stdout()).toMatch(/^With proofs: +1$/m)

    for (const [who, expected] of [
      [a, 'allowed'],
      [b, 'requested'],
    ] as const) {
      const client: Client = await createClient({ keys: who.keys, transport, publishContact: false })
      const conversations = (await listConversations(client)).filter((c) => c.peerAddress === sender.address)
      expect(conversations).toHaveLength(1)
      await applyConsentProofs(client, conversations)
      expect(getConversationConsent(client, conversations[0]!)).toBe(expected)
    }
  }, 60_000)

  test('behavior: usage errors exit with 2 and say what is wrong; --help prints the usage', async () => {
    const missing = runCli(['broadcast', '--to', 'x.csv'])
    expect(await missing.exited).toBe(2)
    expect(missing.stderr()).toContain('xmtp-kit broadcast: missing --node, --keys, --message')
    const help = runCli(['broadcast', '--help'])
    expect(await help.exited).toBe(0)
    expect(help.stdout()).toContain('Usage: xmtp-kit broadcast --node URL --keys FILE --to wallets.csv --message FILE')
    const unknown = runCli(['nope'])
    expect(await unknown.exited).toBe(2)
    expect(unknown.stderr()).toContain('unknown command "nope"')
  }, 30_000)

  test('behavior: the package’s bin is the built CLI, which runs in plain Node', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages/client/package.json'), 'utf8'))
    expect(pkg.bin).toEqual({ 'xmtp-kit': './dist/cli.js' })
    const bin = join(root, 'packages/client', pkg.bin['xmtp-kit'])
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const child = spawn(process.execPath, [bin, 'broadcast', '--help'], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    expect(await new Promise((resolve) => child.once('close', resolve))).toBe(0)
    expect(out).toContain('Usage: xmtp-kit broadcast')
  }, 30_000)
})

const findIn = (folder: string, suffix: string) => {
  const name = readdirSync(folder).find((f) => f.startsWith('holders.csv.') && f.endsWith(suffix))
  return name ? join(folder, name) : undefined
}
const findJournal = (folder: string) => findIn(folder, '.journal')
const findReport = (folder: string) => findIn(folder, '.report.csv')
