import { afterEach, describe, expect, test, vi } from 'vitest'
import { TransportError } from '../../../packages/client/src/errors/errors.js'
import { createSubscription, type Connect, type ConnectionHandlers } from '../../../packages/client/src/transport/createSubscription.js'
import type { Envelope } from '../../../packages/client/src/transport/types.js'
import { envelope, recordStatuses, text } from './conformance.js'

interface FakeConnection extends ConnectionHandlers {
  topics: readonly string[]
  signal: AbortSignal
}

/** A Connect whose connections the test drives by hand: live, envelopes, drops, in any interleaving. */
function fakeConnect() {
  const connections: FakeConnection[] = []
  const connect: Connect = (topics, handlers, signal) => {
    connections.push({ topics, signal, ...handlers })
  }
  return { connect, connections }
}

const a = (n: number) => envelope('/a', n, `a${n}`)

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('createSubscription', () => {
  test('behavior: a topic change drains the old connection after the switch and drops what both deliver', async () => {
    const { connect, connections } = fakeConnect()
    const delivered: Envelope[] = []
    const subscription = createSubscription(['/a', '/r'], { onEnvelope: (e) => delivered.push(e) }, { connect })
    const old = connections[0]!
    old.onLive()
    await subscription.ready
    old.onEnvelope(a(1))

    const update = subscription.updateTopics(['/a', '/b'])
    const next = connections[1]!
    expect(next.topics).toEqual(['/a', '/b'])
    old.onEnvelope(a(2)) // published before the new connection was registered
    next.onLive()
    await update
    expect(old.signal.aborted).toBe(false)
    old.onEnvelope(a(3)) // registered on both by now
    old.onEnvelope(envelope('/r', 1, 'r1')) // a dropped topic
    next.onEnvelope(a(3))
    next.onEnvelope(envelope('/b', 1, 'b1'))
    next.onEnvelope(a(4))
    expect(old.signal.aborted).toBe(false)
    old.onEnvelope(a(4)) // the old connection caught up: it is closed
    expect(old.signal.aborted).toBe(true)
    next.onEnvelope(a(5))

    expect(delivered.map(text)).toEqual(['a1', 'a2', 'a3', 'b1', 'a4', 'a5'])
    expect(subscription.state.getSnapshot()).toMatchObject({ status: 'live', reconnects: 0 })
    subscription.close()
    expect(next.signal.aborted).toBe(true)
  })

  test('behavior: envelopes still in flight on the old connection after the switch are not lost', async () => {
    vi.useFakeTimers()
    const { connect, connections } = fakeConnect()
    const delivered: string[] = []
    const subscription = createSubscription(['/a'], { onEnvelope: (e) => delivered.push(text(e)) }, { connect })
    const old = connections[0]!
    old.onLive()
    void subscription.updateTopics(['/a', '/b'])
    const next = connections[1]!
    next.onLive()
    next.onEnvelope(a(2)) // the new connection is read first…
    old.onEnvelope(a(1)) // …while the old one still holds an earlier envelope
    old.onEnvelope(a(2))
    expect(old.signal.aborted).toBe(true)
    next.onEnvelope(a(3))
    expect(delivered).toEqual(['a2', 'a1', 'a3'])

    // Without traffic to line the two up, the old connection closes once quiet.
    void subscription.updateTopics(['/a'])
    const third = connections[2]!
    third.onLive()
    expect(next.signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(499)
    expect(next.signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(next.signal.aborted).toBe(true)
    subscription.close()
  })

  test('behavior: reconnection delays double from baseDelayMs up to maxDelayMs, with jitter below them', async () => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const { connect, connections } = fakeConnect()
    const subscription = createSubscription(
      ['/a'],
      { onEnvelope: () => {} },
      { connect, reconnect: { baseDelayMs: 100, maxDelayMs: 400 } },
    )
    const statuses = recordStatuses(subscription)
    const gaps: number[] = []
    for (let i = 0; i < 5; i++) {
      const before = Date.now()
      connections.at(-1)!.onClose(new TransportError('refused'))
      const count = connections.length
      while (connections.length === count) await vi.advanceTimersByTimeAsync(1)
      gaps.push(Date.now() - before)
    }
    // Equal jitter: between half and all of min(max, base·2^n); random 0.5 gives three quarters.
    expect(gaps).toEqual([75, 150, 300, 300, 300])
    expect(statuses).toEqual(['connecting'])
    expect(subscription.state.getSnapshot().error).toBeInstanceOf(TransportError)
    connections.at(-1)!.onLive()
    await subscription.ready
    expect(statuses).toEqual(['connecting', 'live'])
    subscription.close()
  })

  test('behavior: a drop reports the gap on reconnection; a closed subscription ignores late callbacks', async () => {
    vi.useFakeTimers()
    const { connect, connections } = fakeConnect()
    const delivered: string[] = []
    const reconnects: unknown[] = []
    const subscription = createSubscription(
      ['/a'],
      { onEnvelope: (e) => delivered.push(text(e)), onReconnect: (info) => reconnects.push(info) },
      { connect, reconnect: { baseDelayMs: 10 } },
    )
    const statuses = recordStatuses(subscription)
    connections[0]!.onLive()
    connections[0]!.onEnvelope(a(7))
    vi.setSystemTime(50_000)
    connections[0]!.onClose(new TransportError('The node ended the subscription stream.'))
    connections[0]!.onEnvelope(a(8)) // after the drop: ignored
    await vi.advanceTimersByTimeAsync(10)
    vi.setSystemTime(60_000)
    connections[1]!.onLive()
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(reconnects).toEqual([
      { lastEnvelopeTimestampNs: 7n, disconnectedAt: 50_000, reconnectedAt: 60_000, topics: ['/a'] },
    ])
    subscription.close()
    connections[1]!.onEnvelope(a(9))
    expect(delivered).toEqual(['a7'])
    expect(statuses.at(-1)).toBe('closed')
  })
})
