import { bytesToHex } from '@noble/hashes/utils.js'
import { AbortError } from '../errors/errors.js'
import { createStore } from '../store/createStore.js'
import { normalizeTopics } from './assertEnvelopes.js'
import { backoffDelay, type BackoffOptions } from './backoff.js'
import { computeDigest } from './computeDigest.js'
import type { Envelope, SubscribeParameters, Subscription, SubscriptionState } from './types.js'

/** What a transport reports about one subscribe connection. */
export interface ConnectionHandlers {
  /** The node has registered the subscription: every envelope published from now on will be delivered. */
  onLive(): void
  onEnvelope(envelope: Envelope): void
  /** The connection failed (before or after going live) or ended. Never called once `signal` has aborted. */
  onClose(error: Error): void
}

/** Opens one subscribe connection to `topics`; aborting `signal` closes it. */
export type Connect = (topics: readonly string[], handlers: ConnectionHandlers, signal: AbortSignal) => void

export interface ReconnectOptions {
  /** First reconnection delay; doubles per failed attempt. Default 250 ms. */
  baseDelayMs?: number | undefined
  /** Cap on the reconnection delay. Default 10 000 ms. */
  maxDelayMs?: number | undefined
}

/** A connection must have stayed up this long for the next drop to restart the backoff from its base. */
const STABLE_CONNECTION_MS = 1_000
/**
 * After a topic change, the replaced connection keeps delivering (deduplicated) until it has been quiet
 * this long, or until it repeats an envelope the new connection already delivered: whatever the node wrote
 * to it before the new connection was registered must not be lost in flight.
 */
const DRAIN_IDLE_MS = 500
/** Bound on the envelope keys remembered for overlap dedupe. */
const MAX_OVERLAP_KEYS = 4096

interface Connection {
  topics: readonly string[]
  topicSet: ReadonlySet<string>
  controller: AbortController
  liveAt: number
  /** Keys of envelopes this connection delivered while its replacement was opening. */
  recorded: string[] | undefined
}

/**
 * The overlap between a replaced connection (`old`, draining) and its replacement (`current`), for topics
 * both subscribe to. Both receive every envelope published after the replacement was registered, in the
 * node's publish order; each such envelope must be delivered once.
 */
interface Overlap {
  old: Connection | undefined
  current: Connection
  /** Topics of `old`: only envelopes on these can arrive twice. */
  oldTopics: ReadonlySet<string>
  /** Delivered by `old`, not (yet) by `current`, in delivery order. */
  fromOld: string[]
  /** Delivered by `current` while `old` drains, not (yet) by `old`. */
  fromNew: string[]
  drainTimer: ReturnType<typeof setTimeout> | undefined
}

const envelopeKey = (envelope: Envelope) => `${envelope.timestampNs}:${bytesToHex(computeDigest(envelope))}`

const sameTopics = (a: readonly string[], b: readonly string[]) => {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every((topic) => set.has(topic))
}

const pushBounded = (list: string[], key: string) => {
  list.push(key)
  if (list.length > MAX_OVERLAP_KEYS) list.shift()
}

/** Errors thrown by the consumer's callbacks must not break the stream; report them like an event listener's. */
const report = (error: unknown) =>
  queueMicrotask(() => {
    throw error
  })

/**
 * The subscription state machine shared by the transports: `connecting → live`, `reconnecting` with capped
 * exponential backoff and jitter after a drop, `closed` after `close()`. A topic change opens the new
 * connection first, switches once it is live and drains the old one, dropping envelopes delivered twice.
 *
 * @throws {TypeError} / {PayloadTooLargeError} for an invalid topic.
 */
export function createSubscription(
  topics: readonly string[],
  { onEnvelope, onReconnect }: SubscribeParameters,
  { connect, reconnect = {} }: { connect: Connect; reconnect?: ReconnectOptions | undefined },
): Subscription {
  const backoff: BackoffOptions = {
    baseDelayMs: reconnect.baseDelayMs ?? 250,
    maxDelayMs: reconnect.maxDelayMs ?? 10_000,
  }
  let desired = normalizeTopics(topics)
  let desiredSet: ReadonlySet<string> = new Set(desired)
  let active: Connection | undefined
  let pending: Connection | undefined
  let overlap: Overlap | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  let closed = false
  let disconnectedAt = 0
  let lastTimestampNs: bigint | undefined
  const waiters: { resolve: () => void; reject: (error: Error) => void }[] = []

  const state = createStore<SubscriptionState>({
    status: desired.length === 0 ? 'live' : 'connecting',
    reconnects: 0,
    error: undefined,
  })
  const patch = (next: Partial<SubscriptionState>) => state.setState((previous) => ({ ...previous, ...next }))

  let resolveReady!: () => void
  let rejectReady!: (error: Error) => void
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve
    rejectReady = reject
  })
  // Nobody has to await `ready`; a rejection on close must not surface as unhandled.
  ready.catch(() => {})
  if (desired.length === 0) resolveReady()

  const settleWaiters = () => {
    for (const waiter of waiters.splice(0)) waiter.resolve()
  }

  const deliver = (envelope: Envelope) => {
    lastTimestampNs = envelope.timestampNs
    try {
      onEnvelope(envelope)
    } catch (error) {
      report(error)
    }
  }

  const endOverlap = () => {
    if (!overlap) return
    clearTimeout(overlap.drainTimer)
    overlap.old?.controller.abort()
    overlap = undefined
  }

  const closeOld = (current: Overlap) => {
    clearTimeout(current.drainTimer)
    current.drainTimer = undefined
    current.old?.controller.abort()
    current.old = undefined
    current.fromNew = []
    if (overlap === current && current.fromOld.length === 0) overlap = undefined
  }

  const armDrainTimer = (current: Overlap) => {
    clearTimeout(current.drainTimer)
    current.drainTimer = setTimeout(() => closeOld(current), DRAIN_IDLE_MS)
  }

  const scheduleRetry = () => {
    if (closed || retryTimer !== undefined) return
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      ensure()
    }, backoffDelay(attempt++, backoff))
  }

  const handleEnvelope = (connection: Connection, envelope: Envelope) => {
    // Topics dropped by `updateTopics` may still arrive on a draining connection.
    if (!desiredSet.has(envelope.contentTopic)) return
    if (connection === active) {
      if (pending && connection.recorded) pushBounded(connection.recorded, envelopeKey(envelope))
      if (overlap && overlap.current === connection && overlap.oldTopics.has(envelope.contentTopic)) {
        const key = envelopeKey(envelope)
        const index = overlap.fromOld.indexOf(key)
        if (index !== -1) {
          // Already delivered by the old connection. Its unmatched keys before this one were published
          // before this connection was registered (same publish order on both), so they never come here.
          overlap.fromOld.splice(0, index + 1)
          if (!overlap.old && overlap.fromOld.length === 0) overlap = undefined
          return
        }
        // The old connection delivered everything it shares with us in publish order: what is left of
        // its keys predates this connection.
        overlap.fromOld = []
        if (overlap.old) pushBounded(overlap.fromNew, key)
        else overlap = undefined
      }
      deliver(envelope)
      return
    }
    if (overlap && overlap.old === connection) {
      const current = overlap
      const key = envelopeKey(envelope)
      if (current.fromNew.includes(key)) {
        // The old connection caught up with the new one: from here on it only repeats it.
        closeOld(current)
        return
      }
      pushBounded(current.fromOld, key)
      armDrainTimer(current)
      deliver(envelope)
    }
  }

  const handleLive = (connection: Connection) => {
    if (connection !== pending) {
      connection.controller.abort()
      return
    }
    pending = undefined
    connection.liveAt = Date.now()
    const previous = active
    active = connection
    // Only one connection drains at a time: a second topic change before the first drained ends it.
    endOverlap()
    if (previous) {
      overlap = {
        old: previous,
        current: connection,
        oldTopics: previous.topicSet,
        fromOld: previous.recorded ?? [],
        fromNew: [],
        drainTimer: undefined,
      }
      previous.recorded = undefined
      armDrainTimer(overlap)
    }
    const { status, reconnects } = state.getSnapshot()
    if (status === 'connecting') {
      patch({ status: 'live' })
      resolveReady()
    } else if (status === 'reconnecting') {
      const reconnectedAt = Date.now()
      patch({ status: 'live', reconnects: reconnects + 1 })
      if (onReconnect) {
        try {
          onReconnect({ lastEnvelopeTimestampNs: lastTimestampNs, disconnectedAt, reconnectedAt, topics: desired })
        } catch (error) {
          report(error)
        }
      }
    }
    if (sameTopics(connection.topics, desired)) settleWaiters()
  }

  const handleClose = (connection: Connection, error: Error) => {
    if (connection === pending) {
      pending = undefined
      patch({ error })
      scheduleRetry()
      return
    }
    if (connection === active) {
      active = undefined
      endOverlap()
      if (Date.now() - connection.liveAt >= STABLE_CONNECTION_MS) attempt = 0
      disconnectedAt = Date.now()
      patch({ status: 'reconnecting', error })
      if (!pending) scheduleRetry()
      return
    }
    if (overlap?.old === connection) closeOld(overlap)
  }

  const open = (topicList: readonly string[]) => {
    const connection: Connection = {
      topics: topicList,
      topicSet: new Set(topicList),
      controller: new AbortController(),
      liveAt: 0,
      recorded: undefined,
    }
    pending = connection
    // What the live connection delivers from now on may also come through the new one.
    if (active) active.recorded = []
    const { signal } = connection.controller
    connect(
      topicList,
      {
        onLive: () => {
          if (!signal.aborted) handleLive(connection)
        },
        onEnvelope: (envelope) => {
          if (!signal.aborted) handleEnvelope(connection, envelope)
        },
        onClose: (error) => {
          if (!signal.aborted) handleClose(connection, error)
        },
      },
      signal,
    )
  }

  function ensure(): void {
    if (closed) return
    if (desired.length === 0) {
      pending?.controller.abort()
      active?.controller.abort()
      pending = active = undefined
      endOverlap()
      clearTimeout(retryTimer)
      retryTimer = undefined
      if (state.getSnapshot().status !== 'live') patch({ status: 'live' })
      resolveReady()
      settleWaiters()
      return
    }
    if (pending && sameTopics(pending.topics, desired)) return
    if (pending) {
      pending.controller.abort()
      pending = undefined
    }
    if (active && sameTopics(active.topics, desired)) {
      active.recorded = undefined
      settleWaiters()
      return
    }
    clearTimeout(retryTimer)
    retryTimer = undefined
    open(desired)
  }

  ensure()

  return {
    state,
    ready,
    get topics() {
      return desired
    },
    updateTopics(next) {
      try {
        if (closed) throw new AbortError()
        desired = normalizeTopics(next)
      } catch (error) {
        return Promise.reject(error)
      }
      desiredSet = new Set(desired)
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject })
        ensure()
      })
    },
    close() {
      if (closed) return
      closed = true
      clearTimeout(retryTimer)
      pending?.controller.abort()
      active?.controller.abort()
      endOverlap()
      pending = active = undefined
      patch({ status: 'closed' })
      const error = new AbortError()
      rejectReady(error)
      for (const waiter of waiters.splice(0)) waiter.reject(error)
    },
  }
}
