import { type Transport, TransportError } from '@xmtp-kit/client'

/**
 * A transport in front of the in-memory network that a story can disturb: hold every request (the UI stays
 * loading) or refuse publishes (sends fail, as when the node is unreachable). Everything else passes through.
 */
export interface StoryTransport extends Transport {
  /** Requests wait from now on until {@link resume}. */
  hold(): void
  resume(): void
  /** Publishes fail with a network error while set. */
  failPublishes(fail: boolean): void
  /** Queries fail with a network error while set. */
  failQueries(fail: boolean): void
}

export function storyTransport(inner: Transport): StoryTransport {
  let gate: { promise: Promise<void>; open(): void } | undefined
  let failing = false
  let failingQueries = false
  const wait = () => gate?.promise
  const unreachable = (what: string) => new TransportError('Could not reach the node.', { details: `${what} refused by the story` })
  return {
    async publish(envelopes, parameters) {
      await wait()
      if (failing) throw unreachable('publishes')
      return inner.publish(envelopes, parameters)
    },
    async *query(parameters) {
      await wait()
      if (failingQueries) throw unreachable('queries')
      yield* inner.query(parameters)
    },
    async batchQuery(queries, parameters) {
      await wait()
      if (failingQueries) throw unreachable('queries')
      return inner.batchQuery(queries, parameters)
    },
    subscribe: (topics, parameters) => inner.subscribe(topics, parameters),
    hold() {
      if (gate) return
      let open!: () => void
      const promise = new Promise<void>((resolve) => (open = resolve))
      gate = { promise, open }
    },
    resume() {
      const current = gate
      gate = undefined
      current?.open()
    },
    failPublishes(fail) {
      failing = fail
    },
    failQueries(fail) {
      failingQueries = fail
    },
  }
}
