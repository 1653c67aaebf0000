import type { BroadcastProgress } from '@xmtp-kit/client'

/** `bar`: one line redrawn in place (a terminal); `lines`: a plain line now and then (logs, pipes); `none`. */
export type ProgressMode = 'bar' | 'lines' | 'none'

export interface ProgressReporter {
  update(progress: BroadcastProgress): void
  /** A message between progress updates (a skipped line, a warning). */
  note(text: string): void
  /** Draws the last state for good (the bar ends its line). */
  finish(): void
}

const BAR_WIDTH = 24
/** Redraws of the bar at most this often. */
const BAR_INTERVAL_MS = 100
/** In `lines` mode, a line at least this often even when no 10 % step was crossed. */
const LINE_INTERVAL_MS = 10_000

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function describe(p: BroadcastProgress, perSecond: number | undefined): { done: number; of: number; text: string } {
  if (p.phase === 'checking') {
    return { done: p.checked, of: p.total, text: `checked ${p.checked}/${p.total} (${p.onNetwork} on XMTP, ${p.notOnNetwork} not)` }
  }
  // Everyone not found off the network ends sent, failed or cancelled.
  const of = p.total - p.notOnNetwork
  const done = p.sent + p.failed + p.cancelled
  const rate = perSecond === undefined ? '' : ` · ${perSecond.toFixed(0)} msg/s`
  const extra = [p.failed ? `${p.failed} failed` : '', p.cancelled ? `${p.cancelled} cancelled` : ''].filter(Boolean).join(', ')
  return { done, of, text: `sent ${p.sent}/${of}${extra ? ` (${extra})` : ''}${rate}` }
}

/**
 * How the CLI shows a broadcast's progress: a bar redrawn in place on a terminal, or a plain line at each
 * 10 % step (and at least every 10 s) otherwise, so that logs stay readable.
 */
export function createProgressReporter(mode: ProgressMode, write: (text: string) => void, now: () => number = Date.now): ProgressReporter {
  let last: BroadcastProgress | undefined
  let lastDrawMs = 0
  let drawn = ''
  let step = -1
  let phase: BroadcastProgress['phase'] | undefined
  let sending: { atMs: number; sent: number } | undefined

  const perSecond = (p: BroadcastProgress) => {
    if (!sending) return undefined
    const seconds = (now() - sending.atMs) / 1000
    return seconds >= 1 ? (p.sent - sending.sent) / seconds : undefined
  }

  const drawBar = (p: BroadcastProgress) => {
    const { done, of, text } = describe(p, perSecond(p))
    const filled = of === 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, Math.floor((done / of) * BAR_WIDTH))
    const label = p.phase === 'checking' ? 'Checking' : 'Sending '
    drawn = `${label} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${text}`
    write(`\r\x1b[2K${drawn}`)
    lastDrawMs = now()
  }

  return {
    update(p) {
      last = p
      if (mode === 'none') return
      if (p.phase !== phase) {
        if (p.phase === 'sending') sending = { atMs: now(), sent: p.sent }
        if (mode === 'lines' && p.phase === 'checking') write(`checking ${plural(p.total, 'wallet')}…\n`)
        if (mode === 'lines' && p.phase === 'sending') write(`sending to ${plural(p.onNetwork, 'wallet')} on XMTP…\n`)
        // The checking bar stays, complete, above the sending one.
        if (mode === 'bar' && phase === 'checking' && p.phase === 'sending') write('\n')
        phase = p.phase
        step = -1
      }
      if (p.phase === 'done') return
      if (mode === 'bar') {
        if (now() - lastDrawMs >= BAR_INTERVAL_MS || (p.phase === 'checking' && p.checked === p.total)) drawBar(p)
        return
      }
      const { done, of, text } = describe(p, perSecond(p))
      const reached = of === 0 ? 10 : Math.floor((done / of) * 10)
      if (reached > step || now() - lastDrawMs >= LINE_INTERVAL_MS) {
        // The first update of a phase (0 %) only sets the step; its line was the phase's.
        if (step >= 0 || reached > 0) write(`${text}\n`)
        step = reached
        lastDrawMs = now()
      }
    },
    note(text) {
      if (mode === 'bar' && drawn) write(`\r\x1b[2K${text}\n${drawn}`)
      else write(`${text}\n`)
    },
    finish() {
      if (mode === 'bar' && last) {
        drawBar({ ...last, phase: last.phase === 'done' ? 'sending' : last.phase })
        write('\n')
      }
    },
  }
}
