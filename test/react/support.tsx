import { type RenderHookOptions, type RenderHookResult, render, renderHook, waitFor } from '@testing-library/react'
import {
  type Client,
  type Conversation,
  createClient,
  createMemoryNetwork,
  type Envelope,
  memoryTransport,
  type MemoryNetwork,
  type PublishParameters,
  type Transport,
} from '@xmtp-kit/client'
import { XMTPProvider, type XMTPProviderProps, useMessages } from '@xmtp-kit/react'
import type { ReactNode } from 'react'
import { expect } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'

/** A transport that counts the queries it is asked (to prove live updates need none). */
export interface CountingTransport extends Transport {
  queries: number
  publishes: number
}

export function countQueries(inner: Transport): CountingTransport {
  const transport: CountingTransport = {
    queries: 0,
    publishes: 0,
    publish(envelopes, parameters) {
      transport.publishes++
      return inner.publish(envelopes, parameters)
    },
    query(parameters) {
      transport.queries++
      return inner.query(parameters)
    },
    batchQuery(queries, parameters) {
      transport.queries += queries.length
      return inner.batchQuery(queries, parameters)
    },
    subscribe: (topics, parameters) => inner.subscribe(topics, parameters),
  }
  return transport
}

/** A transport whose publishes can be held back and then released as one burst (one publish call). */
export interface HoldingTransport extends Transport {
  hold(): void
  release(): Promise<void>
}

export function holdPublishes(inner: Transport): HoldingTransport {
  let held: Envelope[] | undefined
  let parameters: PublishParameters | undefined
  return {
    async publish(envelopes, p) {
      if (!held) return inner.publish(envelopes, p)
      held.push(...envelopes)
      parameters = p
    },
    query: (p) => inner.query(p),
    batchQuery: (q, p) => inner.batchQuery(q, p),
    subscribe: (topics, p) => inner.subscribe(topics, p),
    hold() {
      held = []
    },
    async release() {
      const envelopes = held ?? []
      held = undefined
      await inner.publish(envelopes, parameters)
    },
  }
}

export interface TestNetwork {
  network: MemoryNetwork
  transport: Transport
  /** A new wallet's client on this network. */
  client(transport?: Transport): Promise<Client>
}

export function createTestNetwork(): TestNetwork {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  return { network, transport, client: (t = transport) => createClient({ signer: createCountingWallet(), transport: t }) }
}

/**
 * The shared hook wrapper: renders `hook` under an `XMTPProvider` holding `client` (or configured by
 * `provider`), on the in-memory network unless told otherwise.
 */
export function renderHookWithClient<Result, Props>(
  hook: (props: Props) => Result,
  { client, provider, ...options }: { client?: Client | undefined; provider?: Omit<XMTPProviderProps, 'children'> } & Omit<RenderHookOptions<Props>, 'wrapper'> = {},
): RenderHookResult<Result, Props> {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <XMTPProvider client={client} {...provider}>
      {children}
    </XMTPProvider>
  )
  return renderHook(hook, { ...options, wrapper })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Renders a `useMessages` consumer, then counts its renders while `prepare`'s burst is delivered. */
export async function measureBurst(me: Client, conversation: Conversation, prepare: () => Promise<() => Promise<void>>): Promise<number> {
  let renders = 0
  let count = 0
  let status = ''
  let connection = ''
  function Thread() {
    const { messages, status: s, connection: c } = useMessages(conversation)
    renders++
    count = messages.length
    status = s
    connection = c
    return null
  }
  render(
    <XMTPProvider client={me}>
      <Thread />
    </XMTPProvider>,
  )
  await waitFor(() => expect([status, connection]).toEqual(['ready', 'live']))
  const release = await prepare()
  await new Promise((r) => setTimeout(r, 50))
  renders = 0
  await release()
  await waitFor(() => expect(count).toBe(100), { timeout: 10_000 })
  await new Promise((r) => setTimeout(r, 100))
  return renders
}

