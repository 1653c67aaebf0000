import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  listConversations,
  listMessages,
  memoryTransport,
  startConversation,
  type ListMessagesParameters,
} from '@xmtp-kit/client'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import { createCountingWallet } from '../../support/wallets.js'
import { BASE, SECOND, countingTransport, publishAt, reopen } from './helpers.js'


async function setup(times: readonly bigint[], junkAt: bigint | undefined) {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  const me = await createClient({ signer: createCountingWallet(), transport })
  const peer = await createClient({ signer: createCountingWallet(), transport })
  const conversation = await startConversation(peer, { peerAddress: me.address })
  for (const [i, t] of times.entries()) await publishAt(peer, conversation, t, `m${i}`)
  if (junkAt !== undefined) await transport.publish([{ contentTopic: conversation.topic, timestampNs: junkAt, message: new Uint8Array([1, 2, 3]) }])
  await listConversations(me)
  return { network, transport, me, peer, conversation, keys: me.exportKeys() }
}

describe("listMessages: source 'cache-then-network'", () => {
  test('behavior: any sequence of requests answers exactly as the network does (property)', async () => {
    // Distinct times: the cache orders ties by message id, the node by digest.
    const times = Array.from({ length: 12 }, (_, i) => BASE + BigInt(i * 7 + (i % 3)) * SECOND)
    const { network, me, conversation, keys } = await setup(times, undefined)
    const points = [undefined, BASE - 1n, ...times.flatMap((t) => [t - 1n, t, t + 1n]), BASE + 1000n * SECOND]
    const request = fc.record({
      startTimeNs: fc.constantFrom(...points),
      endTimeNs: fc.constantFrom(...points),
      limit: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      direction: fc.constantFrom('ascending' as const, 'descending' as const),
      pageSize: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 4 }), async (requests) => {
        const counted = countingTransport(network)
        const client = await reopen(keys, counted.transport, memoryPersistence())
        await listConversations(client)
        for (const r of requests) {
          const parameters: ListMessagesParameters = { conversation, ...r }
          const expected = (await listMessages(me, parameters)).map((m) => m.id)
          const actual = (await listMessages(client, { ...parameters, source: 'cache-then-network' })).map((m) => m.id)
          expect(actual).toEqual(expected)
          // The cache alone now answers the same.
          expect((await listMessages(client, { ...parameters, source: 'cache' })).map((m) => m.id)).toEqual(expected)
        }
      }),
      { numRuns: 40 },
    )
  })

  test('behavior: opening a conversation reads only its newest page; older pages are read when asked for', async () => {
    const times = Array.from({ length: 30 }, (_, i) => BASE + BigInt(i) * SECOND)
    const { network, conversation, keys } = await setup(times, undefined)
    const counted = countingTransport(network)
    const client = await reopen(keys, counted.transport, memoryPersistence())
    await listConversations(client)
    counted.reset()
    const newest = await listMessages(client, { conversation, direction: 'descending', limit: 5, source: 'cache-then-network' })
    expect(newest.map((m) => m.content)).toEqual(['m29', 'm28', 'm27', 'm26', 'm25'])
    expect(counted.envelopesOn('/m-')).toBe(6) // one more, to know where coverage starts

    counted.reset()
    const older = await listMessages(client, { conversation, direction: 'descending', limit: 5, endTimeNs: times[24], source: 'cache-then-network' })
    expect(older.map((m) => m.content)).toEqual(['m24', 'm23', 'm22', 'm21', 'm20'])
    // The newest end again (within the 10 s overlap), then the next page back.
    expect(counted.queries.map((q) => q.envelopes)).toEqual([5, 6])

    counted.reset()
    const all = await listMessages(client, { conversation, source: 'cache-then-network' })
    expect(all).toHaveLength(30)
    // The last 10 s again, and the 20 older ones never read.
    expect(counted.queries.map((q) => q.envelopes)).toEqual([10, 20])
  })

  test('behavior: more envelopes at one time than the limit still terminate and fill in', async () => {
    const t = BASE + 5n * SECOND
    const times = [BASE, t, t, t, t, t, t, BASE + 10n * SECOND]
    const { network, conversation, keys, me } = await setup(times, undefined)
    const client = await reopen(keys, memoryTransport({ network }), memoryPersistence())
    await listConversations(client)
    const page = await listMessages(client, { conversation, direction: 'descending', limit: 2, endTimeNs: t, source: 'cache-then-network' })
    expect(page).toHaveLength(2)
    expect(page.every((m) => m.sentNs === t)).toBe(true)
    const all = await listMessages(client, { conversation, source: 'cache-then-network' })
    expect(all.map((m) => m.id).sort()).toEqual((await listMessages(me, { conversation })).map((m) => m.id).sort())
  })

  test('behavior: envelopes that do not verify are skipped, reported once, and not counted against `limit`', async () => {
    const times = [BASE, BASE + 2n * SECOND, BASE + 3n * SECOND]
    const { network, conversation, keys } = await setup(times, BASE + SECOND)
    const client = await reopen(keys, memoryTransport({ network }), memoryPersistence())
    await listConversations(client)
    const errors: Error[] = []
    const page = await listMessages(client, { conversation, limit: 2, source: 'cache-then-network', onError: (e) => errors.push(e) })
    expect(page.map((m) => m.content)).toEqual(['m0', 'm1'])
    await listMessages(client, { conversation, source: 'cache-then-network', onError: (e) => errors.push(e) })
    expect(errors).toHaveLength(1)
  })

  test('parameters: source validates its value and the cache path its limit', async () => {
    const { me, conversation } = await setup([BASE], undefined)
    await expect(listMessages(me, { conversation, source: 'disk' as never })).rejects.toThrow(TypeError)
    await expect(listMessages(me, { conversation, source: 'cache', limit: -1 })).rejects.toThrow(TypeError)
    expect(await listMessages(me, { conversation, source: 'cache-then-network', limit: 0 })).toEqual([])
  })
})
