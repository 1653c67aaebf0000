import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  broadcast,
  type BroadcastReport,
  type Client,
  type ConsentProof,
  createClient,
  isValidConsentProof,
  KitError,
} from '@xmtp-kit/client'
import { nodeHttpTransport } from '../../node.js'
import { fileJournal } from '../fileJournal.js'
import { csvCell } from './csv.js'
import { createProgressReporter, type ProgressMode } from './progress.js'
import { parseProofs } from './proofsFile.js'
import { parseWalletsCsv, type SkippedRow, type WalletRow } from './walletsCsv.js'

export const broadcastUsage = `Usage: xmtp-kit broadcast --node URL --keys FILE --to wallets.csv --message FILE [options]

Sends the message in FILE to every wallet of wallets.csv, each in its own conversation, and writes a CSV
report. Interrupted (Ctrl-C, a crash, a killed process), it resumes when run again with the same command:
nobody gets a second copy.

  --node URL            the XMTP node's HTTP API, e.g. http://localhost:5555
  --keys FILE           the sender's XMTP keys (client.exportKeys() or the SDK's Client.getKeys):
                        raw bytes, hex or base64
  --to FILE             wallets, one per line: a CSV whose column "address" (or "wallet", "recipient",
                        "to") holds them, or whose first column does; bad lines are reported and skipped
  --message FILE        the message, UTF-8 text (line breaks at its end are dropped)
  --proofs FILE         consent proofs the recipients signed (address,signature,timestamp as CSV, JSON
                        Lines or a JSON array): each goes with that wallet's invitation
  --journal FILE        where the run records each send          default <to>.<id>.journal
  --report FILE         the CSV report                           default <to>.<id>.report.csv
  --concurrency N       recipients handled at once               default 4
  --rate N              at most N sends started per second       default no limit
  --progress MODE       bar (redrawn in place), lines (plain lines) or none
                        default: bar when stderr is a terminal, else lines
  --sync                fsync the journal after each record (survives a power loss, slower)
  -h, --help

<id> is derived from the sender and the message, so the same command finds its journal again, and another
message to the same list starts a new one. Progress and warnings go to stderr, the summary to stdout.
Exit status: 0 when every wallet on XMTP has the message, 1 when some failed or were cancelled (run the
command again to retry them), 2 for a usage error.`

export interface CommandIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Whether stderr is a terminal (picks the default progress mode). */
  isTTY: boolean
  /** Stops the run (Ctrl-C): sends in flight finish or are cancelled, and the report is written. */
  signal?: AbortSignal | undefined
}

class UsageError extends Error {}

/** The sender's keys from a file: raw protobuf bytes, or the same as hex (`0x` optional) or base64 text. */
export function readKeysFile(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path))
  const text = Buffer.from(bytes).toString('latin1').trim()
  if (/^(0x)?([0-9a-fA-F]{2})+$/.test(text)) return new Uint8Array(Buffer.from(text.replace(/^0x/, ''), 'hex'))
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && text.length >= 16) return new Uint8Array(Buffer.from(text, 'base64'))
  return bytes
}

/** The report's rows, in the order of the wallets file (skipped lines included). */
function reportRows(rows: readonly WalletRow[], skipped: readonly SkippedRow[], report: BroadcastReport) {
  const sent = new Map(report.sent.map((s) => [s.address, s]))
  const failed = new Map(report.failed.map((f) => [f.address, f]))
  const notOnNetwork = new Set(report.notOnNetwork)
  const cancelled = new Set(report.cancelled)
  const out: { line: number; address: string; status: string; detail: string; topic?: string | undefined; messageId?: string | undefined }[] = []
  for (const { line, address } of rows) {
    const s = sent.get(address)
    const f = failed.get(address)
    if (s) out.push({ line, address, status: s.alreadyDelivered ? 'sent_earlier' : 'sent', detail: '', topic: s.topic, messageId: s.messageId })
    else if (notOnNetwork.has(address)) out.push({ line, address, status: 'not_on_network', detail: 'no XMTP identity' })
    else if (f) out.push({ line, address, status: 'failed', detail: `${f.stage}: ${f.error.code} ${f.error.message}` })
    else if (cancelled.has(address)) out.push({ line, address, status: 'cancelled', detail: 'the run was stopped' })
  }
  for (const { line, input, reason } of skipped) out.push({ line, address: input, status: 'skipped', detail: reason })
  return out.sort((a, b) => a.line - b.line)
}

function writeReport(path: string, rows: ReturnType<typeof reportRows>) {
  const text = ['line,address,status,detail,topic,message_id', ...rows.map((r) => [r.line, r.address, r.status, r.detail, r.topic, r.messageId].map(csvCell).join(','))].join('\n')
  // Written whole, then renamed: a report is never half there.
  writeFileSync(`${path}.tmp`, `${text}\n`)
  renameSync(`${path}.tmp`, path)
}

/**
 * Takes `<journal>.lock` for this process: two runs of the same broadcast at once would both send to the
 * recipients neither has recorded yet. A lock left by a process that no longer runs (a crash, SIGKILL) is taken
 * over. Returns its release, or which live process holds it.
 */
function lockJournal(journalPath: string): { release(): void } | { heldBy: number; path: string } {
  const path = `${journalPath}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' })
      return { release: () => unlinkSync(path) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = Number(readFileSync(path, 'utf8').trim())
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) return { heldBy: pid, path }
    unlinkSync(path)
  }
  throw new Error(`could not take ${path}`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const count = (name: string, value: string | undefined, { integer }: { integer: boolean }) => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!(n > 0) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}`)
  return n
}
const read = (flag: string, path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}

/**
 * `xmtp-kit broadcast`: reads the wallets, the message, the keys and the proofs, broadcasts with a file journal
 * and writes the report. Resolves with the exit status; never prints the message or the keys.
 */
export async function runBroadcastCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        node: { type: 'string' },
        keys: { type: 'string' },
        to: { type: 'string' },
        message: { type: 'string' },
        proofs: { type: 'string' },
        journal: { type: 'string' },
        report: { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        progress: { type: 'string' },
        sync: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    io.stderr(`xmtp-kit broadcast: ${(error as Error).message}\n\n${broadcastUsage}\n`)
    return 2
  }
  if (values.help) {
    io.stdout(`${broadcastUsage}\n`)
    return 0
  }

  let client: Client
  let settings
  try {
    const missing = (['node', 'keys', 'to', 'message'] as const).filter((k) => !values[k])
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`)
    const mode = values.progress ?? (io.isTTY ? 'bar' : 'lines')
    if (!['bar', 'lines', 'none'].includes(mode)) throw new UsageError('--progress must be bar, lines or none')
    let url: URL
    try {
      url = new URL(values.node!)
    } catch {
      throw new UsageError(`--node must be a URL, e.g. http://localhost:5555`)
    }
    if (!existsSync(values.keys!)) throw new UsageError(`--keys: cannot read ${values.keys}`)
    settings = {
      url: url.href.replace(/\/$/, ''),
      mode: mode as ProgressMode,
      wallets: read('to', values.to!),
      message: read('message', values.message!).replace(/[\r\n]+$/, ''),
      proofs: values.proofs ? read('proofs', values.proofs) : undefined,
      concurrency: count('concurrency', values.concurrency, { integer: true }),
      rate: count('rate', values.rate, { integer: false }),
    }
    if (settings.message === '') throw new UsageError(`--message: ${values.message} is empty`)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`xmtp-kit broadcast: ${error.message}\n\n${broadcastUsage}\n`)
    return 2
  }
  const fail = (text: string) => {
    io.stderr(`xmtp-kit broadcast: ${text}\n`)
    return 1
  }

  const progress = createProgressReporter(settings.mode, io.stderr)
  const to = values.to!
  const { rows, skipped, header } = parseWalletsCsv(settings.wallets)
  if (header && !header.named) progress.note(`${to}:${header.line}: read as a header (no address in it; addresses are read from column ${header.column + 1})`)

  try {
    client = await createClient({ keys: readKeysFile(values.keys!), transport: nodeHttpTransport({ url: settings.url }) })
  } catch (error) {
    const reason = error instanceof KitError ? `${error.code}: ${error.message}` : (error as Error).message
    return fail(`could not start the sender's client with ${values.keys} at ${settings.url} (${reason})`)
  }

  // The sender itself is never a recipient.
  const recipients = rows.filter((r) => {
    if (r.address !== client.address) return true
    skipped.push({ line: r.line, input: r.address, reason: "the sender's own address" })
    return false
  })
  skipped.sort((a, b) => a.line - b.line)
  for (const s of skipped) progress.note(`${to}:${s.line}: skipped: ${s.reason} (${JSON.stringify(shorten(s.input))})`)

  const proofs = new Map<string, ConsentProof>()
  if (settings.proofs !== undefined) {
    const parsed = parseProofs(settings.proofs)
    for (const s of parsed.skipped) progress.note(`${values.proofs}: ${s.where}: skipped: ${s.reason}`)
    const wanted = new Set(recipients.map((r) => r.address))
    for (const entry of parsed.proofs.values()) {
      if (!wanted.has(entry.address)) continue
      if (isValidConsentProof({ proof: entry.proof, senderAddress: client.address, recipientAddress: entry.address })) proofs.set(entry.address, entry.proof)
      else {
        progress.note(
          `${values.proofs}: ${entry.where}: the proof of ${entry.address} does not hold for this sender (expired, in the future, or signed by another wallet or for another sender); sending without it`,
        )
      }
    }
  }

  const id = bytesToHex(sha256(utf8ToBytes(`${client.address}\n${settings.message}`))).slice(0, 12)
  const journalPath = values.journal ?? `${to}.${id}.journal`
  const reportPath = values.report ?? `${to}.${id}.report.csv`
  const lock = lockJournal(journalPath)
  if ('heldBy' in lock) return fail(`another run (pid ${lock.heldBy}) is using ${journalPath}; if it is gone, delete ${lock.path}`)
  const journal = fileJournal(journalPath, { sync: values.sync })
  if (existsSync(journalPath)) progress.note(`resuming from ${journalPath}`)

  let report: BroadcastReport
  try {
    report = await broadcast(client, {
      recipients: recipients.map((r) => r.address),
      content: settings.message,
      concurrency: settings.concurrency,
      rate: settings.rate,
      journal,
      conversationFor: (address) => {
        const consentProof = proofs.get(address)
        return consentProof ? { consentProof } : undefined
      },
      onProgress: (p) => progress.update(p),
      signal: io.signal,
    })
  } catch (error) {
    progress.finish()
    return fail((error as Error).message)
  } finally {
    journal.close()
    lock.release()
  }
  progress.finish()

  writeReport(reportPath, reportRows(recipients, skipped, report))
  const earlier = report.sent.filter((s) => s.alreadyDelivered).length
  const lines = [
    `Sent:         ${report.sent.length}${earlier ? ` (${earlier} by an earlier run)` : ''}`,
    `Not on XMTP:  ${report.notOnNetwork.length}`,
    `Failed:       ${report.failed.length}`,
    ...(report.cancelled.length ? [`Cancelled:    ${report.cancelled.length}`] : []),
    `Skipped:      ${skipped.length}${skipped.length ? ` (line${skipped.length === 1 ? '' : 's'} ${shorten(skipped.map((s) => s.line).join(', '), 80)})` : ''}`,
    ...(proofs.size ? [`With proofs:  ${proofs.size}`] : []),
    `Report:       ${reportPath}`,
    `Journal:      ${journalPath}`,
  ]
  io.stdout(`${lines.join('\n')}\n`)
  if (report.failed.length + report.cancelled.length > 0) {
    io.stderr('Some wallets were not reached: run the same command again to retry them (nobody gets a second copy).\n')
    return 1
  }
  return 0
}
