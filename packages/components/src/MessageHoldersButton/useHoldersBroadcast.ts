import {
  broadcast,
  type BroadcastProgress,
  type BroadcastReport,
  type CheckReachReturnType,
  checkReach,
  type Client,
  getTokenHolders,
  type TokenKind,
  type TokenLogReader,
} from '@xmtp-kit/client'
import { useCallback, useEffect, useRef, useState } from 'react'

/** A token whose current holders are read from its `Transfer` logs (`getTokenHolders`). */
export interface HoldersToken {
  /** The token contract. */
  address: string
  kind: TokenKind
  /** The chain reader: a viem `PublicClient` (e.g. wagmi's `usePublicClient()`), or anything with `getLogs` and `getBlockNumber`. */
  client: TokenLogReader
  /** The token's deployment block (scanning starts there). Default `0n`. */
  fromBlock?: bigint | undefined
  /** Blocks per `getLogs` request. Default `5_000n`. */
  chunkSize?: bigint | undefined
}

/** Holders as addresses, or objects with an `address` (e.g. what `getTokenHolders` returns). */
export type HoldersList = readonly (string | { address: string })[]

/** Where the holders come from: a list, an async function (given an `AbortSignal`), or a token contract. */
export type HoldersSource = { holders: HoldersList | ((signal: AbortSignal) => Promise<HoldersList>); token?: undefined } | { token: HoldersToken; holders?: undefined }

/**
 * `idle` (nothing read yet), `loading` the holders, `checking` who is on XMTP, `compose`, `sending`, the
 * final `report`, or `error` (the holders or the check could not be read).
 */
export type HoldersPhase = 'idle' | 'loading' | 'checking' | 'compose' | 'sending' | 'report' | 'error'

export interface HoldersState {
  phase: HoldersPhase
  /** What failed in `error`. */
  failedStep: 'load' | 'check' | undefined
  /** The holders as read. */
  holders: string[]
  reach: CheckReachReturnType | undefined
  progress: BroadcastProgress | undefined
  /** Recipients of the current send (the progress bar's maximum). */
  sending: number
  cancelling: boolean
  /** Everything sent so far (first send and retries). */
  report: BroadcastReport | undefined
}

const INITIAL: HoldersState = { phase: 'idle', failedStep: undefined, holders: [], reach: undefined, progress: undefined, sending: 0, cancelling: false, report: undefined }

export interface UseHoldersBroadcastParameters {
  client: Client | undefined
  source: HoldersSource
  concurrency: number | undefined
  batchSize: number | undefined
  onProgress: ((progress: BroadcastProgress) => void) | undefined
  onReport: ((report: BroadcastReport) => void) | undefined
}

const toAddresses = (list: HoldersList) => list.map((h) => (typeof h === 'string' ? h : h.address))

/** A retry's outcome folded into the report so far: the retried recipients leave `failed` and `cancelled`. */
function merge(previous: BroadcastReport, retry: BroadcastReport): BroadcastReport {
  return {
    ...previous,
    sent: [...previous.sent, ...retry.sent],
    notOnNetwork: [...previous.notOnNetwork, ...retry.notOnNetwork],
    failed: retry.failed,
    cancelled: retry.cancelled,
    aborted: retry.aborted,
  }
}

/** The holders flow's state: read the holders, check who is on XMTP, send, retry. */
export function useHoldersBroadcast({ client, source, concurrency, batchSize, onProgress, onReport }: UseHoldersBroadcastParameters) {
  const [state, setState] = useState<HoldersState>(INITIAL)
  /** Aborts whatever runs; replaced for each step. */
  const running = useRef<AbortController | undefined>(undefined)
  // Read at call time, so that inline props do not restart anything.
  const latest = useRef({ source, concurrency, batchSize, onProgress, onReport })
  latest.current = { source, concurrency, batchSize, onProgress, onReport }
  const stateRef = useRef(state)
  stateRef.current = state

  const begin = () => {
    running.current?.abort()
    const controller = new AbortController()
    running.current = controller
    return controller
  }
  const current = (controller: AbortController) => running.current === controller

  const check = useCallback(
    async (holders: string[], controller: AbortController) => {
      if (!client) return
      setState((s) => ({ ...s, phase: 'checking', failedStep: undefined, holders }))
      try {
        const reach = await checkReach(client, { recipients: holders, batchSize: latest.current.batchSize, signal: controller.signal })
        if (!current(controller)) return
        // Every batch failed: nothing was learnt.
        if (reach.failed.length > 0 && reach.onNetwork.length + reach.notOnNetwork.length === 0) {
          setState((s) => ({ ...s, phase: 'error', failedStep: 'check' }))
        } else setState((s) => ({ ...s, phase: 'compose', reach }))
      } catch {
        if (current(controller)) setState((s) => ({ ...s, phase: 'error', failedStep: 'check' }))
      }
    },
    [client],
  )

  /** Reads the holders, then checks who is on XMTP. */
  const load = useCallback(async () => {
    if (!client) return
    const controller = begin()
    setState({ ...INITIAL, phase: 'loading' })
    let holders: string[]
    try {
      const { source } = latest.current
      if (source.token) {
        const { address, kind, client: reader, fromBlock, chunkSize } = source.token
        const result = await getTokenHolders({ client: reader, address, kind, fromBlock, chunkSize, signal: controller.signal })
        holders = result.holders.map((h) => h.address)
      } else {
        holders = toAddresses(typeof source.holders === 'function' ? await source.holders(controller.signal) : (source.holders ?? []))
      }
    } catch {
      if (current(controller)) setState((s) => ({ ...s, phase: 'error', failedStep: 'load' }))
      return
    }
    if (current(controller)) await check(holders, controller)
  }, [client, check])

  /** Retries the step that failed. */
  const tryAgain = useCallback(() => {
    const { failedStep, holders } = stateRef.current
    if (failedStep === 'check') void check(holders, begin())
    else void load()
  }, [check, load])

  const run = useCallback(
    async (recipients: string[], content: string, previous: BroadcastReport | undefined) => {
      if (!client) return
      const controller = begin()
      const total = previous ? recipients.length : (stateRef.current.reach?.onNetwork.length ?? 0) + (stateRef.current.reach?.failed.length ?? 0)
      setState((s) => ({ ...s, phase: 'sending', progress: undefined, sending: total, cancelling: false }))
      const { concurrency, batchSize } = latest.current
      let report: BroadcastReport
      try {
        report = await broadcast(client, {
          recipients,
          content,
          concurrency,
          batchSize,
          signal: controller.signal,
          // A retry looks for what the first run may have delivered without hearing back.
          skipDeliveredSinceNs: previous?.startedNs,
          onProgress: (progress) => {
            if (!current(controller)) return
            setState((s) => ({ ...s, progress, sending: progress.phase === 'checking' ? s.sending : progress.onNetwork }))
            latest.current.onProgress?.(progress)
          },
        })
      } catch {
        // Only parameter errors reach here (the content is text): nothing was sent.
        if (current(controller)) setState((s) => ({ ...s, phase: 'compose' }))
        return
      }
      const merged = previous ? merge(previous, report) : report
      if (current(controller)) setState((s) => ({ ...s, phase: 'report', report: merged, cancelling: false }))
      try {
        latest.current.onReport?.(merged)
      } catch {
        // The app's handler must not break the dialog.
      }
    },
    [client],
  )

  const send = useCallback((content: string) => run(stateRef.current.holders, content, undefined), [run])

  const retry = useCallback(
    (content: string) => {
      const { report } = stateRef.current
      if (!report) return Promise.resolve()
      return run([...report.failed.map((f) => f.address), ...report.cancelled], content, report)
    },
    [run],
  )

  const cancel = useCallback(() => {
    setState((s) => (s.phase === 'sending' ? { ...s, cancelling: true } : s))
    // The running send settles with a report of what was cancelled.
    running.current?.abort()
  }, [])

  /** Back to `idle` (stops loading or checking; a send in progress is kept). */
  const reset = useCallback(() => {
    if (stateRef.current.phase === 'sending') return
    running.current?.abort()
    running.current = undefined
    setState(INITIAL)
  }, [])

  // Another wallet: nothing of the previous one applies. Unmounting stops everything.
  useEffect(
    () => () => {
      running.current?.abort()
      running.current = undefined
      setState(INITIAL)
    },
    [client],
  )

  return { state, load, tryAgain, send, retry, cancel, reset }
}
