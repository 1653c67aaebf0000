import type { Envelope } from '../transport/types.js'

/**
 * Collects envelopes as they arrive and, on the stream's serial queue, decodes everything waiting in one
 * go before delivering the results synchronously, in arrival order. A burst therefore reaches listeners as
 * a few synchronous runs, which stores coalesce into a few notifications.
 */
export function createDeliveryBatcher<T>(parameters: {
  push: (task: () => Promise<void>) => void
  decode: (envelope: Envelope) => Promise<T | undefined>
  deliver: (value: T) => void
}) {
  const waiting: Envelope[] = []
  let scheduled = false
  const drain = async () => {
    scheduled = false
    while (waiting.length > 0) {
      const batch = waiting.splice(0)
      const decoded = await Promise.all(batch.map(parameters.decode))
      for (const value of decoded) if (value !== undefined) parameters.deliver(value)
    }
  }
  return (envelope: Envelope) => {
    waiting.push(envelope)
    if (!scheduled) {
      scheduled = true
      parameters.push(drain)
    }
  }
}
