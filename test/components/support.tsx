import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Client, Transport } from '@xmtp-kit/client'
import { XMTPProvider } from '@xmtp-kit/react'
import type { ReactElement } from 'react'

/** Renders `ui` under an `XMTPProvider` holding `client`, with a user-event session. */
export function renderWithClient(client: Client, ui: ReactElement) {
  const user = userEvent.setup()
  return { user, ...render(<XMTPProvider client={client}>{ui}</XMTPProvider>) }
}

export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`

/** A transport whose publishes wait (unresolved) while held, so a send stays `pending` until released. */
export interface GatedTransport extends Transport {
  hold(): void
  release(): Promise<void>
}

export function gatePublishes(inner: Transport): GatedTransport {
  let gate: { promise: Promise<void>; open(): void } | undefined
  return {
    async publish(envelopes, parameters) {
      if (gate) await gate.promise
      return inner.publish(envelopes, parameters)
    },
    query: (p) => inner.query(p),
    batchQuery: (q, p) => inner.batchQuery(q, p),
    subscribe: (topics, p) => inner.subscribe(topics, p),
    hold() {
      let open!: () => void
      const promise = new Promise<void>((resolve) => (open = resolve))
      gate = { promise, open }
    },
    async release() {
      const g = gate
      gate = undefined
      g?.open()
      await g?.promise
    },
  }
}
