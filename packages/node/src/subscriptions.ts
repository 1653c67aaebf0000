import type { ServerResponse } from 'node:http'
import { isSubscribeAllTopic } from './topic.js'

/** Envelopes a subscriber may have queued before it is dropped (xmtp-node-go: 1024, 4096 for subscribe-all). */
export const MAX_SUBSCRIBER_BACKLOG = 1024
export const MAX_SUBSCRIBE_ALL_BACKLOG = 4096

interface Subscriber {
  response: ServerResponse
  topics: ReadonlySet<string> | 'all'
  backlog: number
  maxBacklog: number
}

/**
 * Live subscriptions. Each published envelope is serialised once and written to every subscriber of its
 * topic as one NDJSON line. A subscriber that stops reading long enough to queue `maxBacklog` lines is
 * closed, as the XMTP node does, and its client reconnects.
 */
export function createSubscriptionHub() {
  const byTopic = new Map<string, Set<Subscriber>>()
  const all = new Set<Subscriber>()
  const everyone = new Set<Subscriber>()

  const remove = (subscriber: Subscriber) => {
    if (!everyone.delete(subscriber)) return
    if (subscriber.topics === 'all') {
      all.delete(subscriber)
      return
    }
    for (const topic of subscriber.topics) {
      const set = byTopic.get(topic)
      set?.delete(subscriber)
      if (set?.size === 0) byTopic.delete(topic)
    }
  }

  const write = (subscriber: Subscriber, line: string) => {
    if (subscriber.backlog >= subscriber.maxBacklog) {
      remove(subscriber)
      subscriber.response.end(
        `{"error":{"code":8,"message":"subscriber fell more than ${subscriber.maxBacklog} envelopes behind","details":[]}}\n`,
      )
      return
    }
    if (!subscriber.response.write(line)) subscriber.backlog++
  }

  return {
    /** Registers a streaming response; it is removed when the connection closes. */
    add(response: ServerResponse, topics: readonly string[] | 'all'): void {
      const subscriber: Subscriber = {
        response,
        topics: topics === 'all' ? 'all' : new Set(topics),
        backlog: 0,
        maxBacklog: topics === 'all' ? MAX_SUBSCRIBE_ALL_BACKLOG : MAX_SUBSCRIBER_BACKLOG,
      }
      everyone.add(subscriber)
      if (subscriber.topics === 'all') all.add(subscriber)
      else
        for (const topic of subscriber.topics) {
          let set = byTopic.get(topic)
          if (!set) byTopic.set(topic, (set = new Set()))
          set.add(subscriber)
        }
      response.on('drain', () => {
        subscriber.backlog = 0
      })
      response.on('close', () => remove(subscriber))
    },
    /** Writes `{"result":<envelope>}` to every subscriber of `topic`. */
    publish(topic: string, envelopeJson: string): void {
      const subscribers = byTopic.get(topic)
      const toAll = all.size > 0 && isSubscribeAllTopic(topic)
      if (!subscribers && !toAll) return
      const line = `{"result":${envelopeJson}}\n`
      if (subscribers) for (const s of subscribers) write(s, line)
      if (toAll) for (const s of all) write(s, line)
    },
    get size(): number {
      return everyone.size
    },
    /** Ends every stream (node shutdown). */
    closeAll(): void {
      for (const subscriber of [...everyone]) {
        remove(subscriber)
        subscriber.response.end()
      }
    },
  }
}

export type SubscriptionHub = ReturnType<typeof createSubscriptionHub>
