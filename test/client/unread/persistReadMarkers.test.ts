import { describe, expect, test, vi } from 'vitest'
import { createClient, createMemoryNetwork, DecodeError, memoryTransport, type Client } from '@xmtp-kit/client'
import { getLastReadNs } from '../../../packages/client/src/unread/getLastReadNs.js'
import { markRead } from '../../../packages/client/src/unread/markRead.js'
import { persistReadMarkers } from '../../../packages/client/src/unread/persistReadMarkers.js'
import type { ReadMarkerPersistence } from '../../../packages/client/src/unread/types.js'
import { createCountingWallet } from '../../support/wallets.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A key-value persistence over a Map of UTF-8 text (for readable assertions), recording every write. */
function createMapPersistence(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  const writes: [string, string][] = []
  const persistence: ReadMarkerPersistence = {
    get: async (key) => (data.has(key) ? encoder.encode(data.get(key)) : undefined),
    set: async (key, value) => {
      writes.push([key, decoder.decode(value)])
      data.set(key, decoder.decode(value))
    },
  }
  return { data, writes, persistence }
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5))
const network = createMemoryNetwork()
const newClient = () => createClient({ signer: createCountingWallet(), transport: memoryTransport({ network }), publishContact: false })
/** The same wallet in a new session: a new client object, so an empty unread store. */
const sameWalletAgain = (client: Client) => createClient({ keys: client.exportKeys(), transport: memoryTransport({ network }), publishContact: false })
const keyOf = (client: Client) => `xmtp-kit-read-markers/v1/${client.address}`

describe('persistReadMarkers', () => {
  test('default: saves markers on change and restores them in a new session', async () => {
    const client = await newClient()
    const { data, writes, persistence } = createMapPersistence()
    const stop = await persistReadMarkers(client, { persistence })
    expect(writes).toEqual([]) // nothing to save yet
    await markRead(client, '/xmtp/0/m-a/proto', { upToNs: 100n })
    await markRead(client, '/xmtp/0/m-b/proto', { upToNs: 2n ** 70n })
    await settle()
    expect(JSON.parse(data.get(keyOf(client))!)).toEqual({ v: 1, lastReadNs: { '/xmtp/0/m-a/proto': '100', '/xmtp/0/m-b/proto': (2n ** 70n).toString() } })
    stop()

    const later = await sameWalletAgain(client)
    expect(getLastReadNs(later, '/xmtp/0/m-a/proto')).toBeUndefined()
    await persistReadMarkers(later, { persistence })
    expect(getLastReadNs(later, '/xmtp/0/m-a/proto')).toBe(100n)
    expect(getLastReadNs(later, '/xmtp/0/m-b/proto')).toBe(2n ** 70n)
  })

  test('behavior: merges with marks made before loading, newest wins per topic, and saves the merge', async () => {
    const client = await newClient()
    const saved = JSON.stringify({ v: 1, lastReadNs: { '/t/old': '50', '/t/both': '10' } })
    const { data, persistence } = createMapPersistence({ [keyOf(client)]: saved })
    await markRead(client, '/t/both', { upToNs: 20n })
    await markRead(client, '/t/new', { upToNs: 5n })
    await persistReadMarkers(client, { persistence })
    expect([getLastReadNs(client, '/t/old'), getLastReadNs(client, '/t/both'), getLastReadNs(client, '/t/new')]).toEqual([50n, 20n, 5n])
    await settle()
    expect(JSON.parse(data.get(keyOf(client))!).lastReadNs).toEqual({ '/t/old': '50', '/t/both': '20', '/t/new': '5' })
  })

  test('behavior: one write at a time, the latest state written last', async () => {
    const client = await newClient()
    let release: () => void = () => {}
    let inFlight = 0
    let peak = 0
    const values: string[] = []
    const persistence: ReadMarkerPersistence = {
      get: async () => undefined,
      set: async (_key, value) => {
        peak = Math.max(peak, ++inFlight)
        await new Promise<void>((resolve) => (release = resolve))
        values.push(decoder.decode(value))
        inFlight--
      },
    }
    await persistReadMarkers(client, { persistence })
    for (let i = 1n; i <= 5n; i++) await markRead(client, '/t/x', { upToNs: i })
    for (let i = 0; i < 5 && inFlight > 0; i++) {
      release()
      await settle()
    }
    expect(peak).toBe(1)
    expect(values.length).toBeLessThanOrEqual(2)
    expect(JSON.parse(values.at(-1)!).lastReadNs).toEqual({ '/t/x': '5' })
  })

  test('behavior: stop ends saving', async () => {
    const client = await newClient()
    const { writes, persistence } = createMapPersistence()
    const stop = await persistReadMarkers(client, { persistence })
    stop()
    await markRead(client, '/t/x', { upToNs: 1n })
    await settle()
    expect(writes).toEqual([])
  })

  test('behavior: unreadable saved values and failing reads and writes are reported, never thrown', async () => {
    for (const saved of ['not json', '{"v":2,"lastReadNs":{}}', 'null', '{"v":1}']) {
      const client = await newClient()
      const onError = vi.fn()
      const { data, writes, persistence } = createMapPersistence({ [keyOf(client)]: saved })
      await persistReadMarkers(client, { persistence, onError })
      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError.mock.calls[0]![0]).toBeInstanceOf(DecodeError)
      // Left in place (it may be a newer version's) until there is something to save.
      await settle()
      expect(writes).toEqual([])
      await markRead(client, '/t/x', { upToNs: 3n })
      await settle()
      expect(JSON.parse(data.get(keyOf(client))!)).toEqual({ v: 1, lastReadNs: { '/t/x': '3' } })
    }
    const notUtf8 = await newClient()
    const onError = vi.fn()
    await persistReadMarkers(notUtf8, { persistence: { get: async () => new Uint8Array([0xff, 0xfe]), set: async () => {} }, onError })
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(DecodeError)

    // Bad entries are skipped, good ones kept.
    const client = await newClient()
    const { persistence } = createMapPersistence({ [keyOf(client)]: JSON.stringify({ v: 1, lastReadNs: { '/t/a': '7', '/t/b': -1, '/t/c': '1e3', '/t/d': 'x' } }) })
    await persistReadMarkers(client, { persistence })
    expect([getLastReadNs(client, '/t/a'), getLastReadNs(client, '/t/b'), getLastReadNs(client, '/t/c')]).toEqual([7n, undefined, undefined])

    const failing = await newClient()
    const throwingHandler = vi.fn(() => {
      throw new Error('handler failure is ignored')
    })
    let failWrites = true
    const flaky: ReadMarkerPersistence = {
      get: async () => Promise.reject(new Error('read failed')),
      set: vi.fn(async () => {
        if (failWrites) throw new Error('write failed')
      }),
    }
    await persistReadMarkers(failing, { persistence: flaky, onError: throwingHandler })
    await markRead(failing, '/t/x', { upToNs: 1n })
    await settle()
    expect(throwingHandler.mock.calls.map((call) => (call as unknown as [Error])[0].message)).toEqual(['read failed', 'write failed'])
    // The next change retries with the newest markers.
    failWrites = false
    await markRead(failing, '/t/x', { upToNs: 2n })
    await settle()
    expect(flaky.set).toHaveBeenLastCalledWith(keyOf(failing), encoder.encode(JSON.stringify({ v: 1, lastReadNs: { '/t/x': '2' } })))
  })

  test('parameters: key', async () => {
    const client = await newClient()
    const { data, persistence } = createMapPersistence()
    await persistReadMarkers(client, { persistence, key: 'custom-key' })
    await markRead(client, '/t/x', { upToNs: 1n })
    await settle()
    expect([...data.keys()]).toEqual(['custom-key'])
  })

  test('parameters: persistence must have get and set', async () => {
    const client = await newClient()
    await expect(persistReadMarkers(client, { persistence: {} as ReadMarkerPersistence })).rejects.toThrow(
      new TypeError('persistReadMarkers: persistence must have get and set functions.'),
    )
  })
})
