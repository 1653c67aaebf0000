import { broadcast, type Client, createClient, getAddress, httpTransport, TransportError, type Transport } from '@xmtp-kit/client'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCountingWallet } from '../../support/wallets.js'
import { readFrom } from './support.js'

// The real node over HTTP on a SQLite file: closed mid-send, restarted on the same port and file.
const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-broadcast-'))
const db = join(dir, 'node.db')
let node: StartNodeReturnType

beforeAll(async () => {
  node = await startNode({ port: 0, db, rateLimit: false, onError: () => undefined })
})
afterAll(async () => {
  await node.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Fails fast while the node is down. */
const transport = (): Transport => httpTransport({ url: node.url, retry: { attempts: 2, baseDelayMs: 20 } })
const newClient = (): Promise<Client> => createClient({ signer: createCountingWallet(), transport: transport() })
const stranger = () => getAddress(privateKeyToAccount(generatePrivateKey()).address)

describe('broadcast against the node', () => {
  test('behavior: reaches exactly the wallets on the network; a node stop mid-send is reported, and retrying after a restart completes it with one copy each', async () => {
    const [sender, ...recipients] = await Promise.all(Array.from({ length: 7 }, newClient)) as [Client, ...Client[]]
    const strangers = [stranger(), stranger()]
    const wanted = [recipients[0]!.address, strangers[0]!, ...recipients.slice(1).map((r) => r.address), strangers[1]!]

    let sent = 0
    const first = await broadcast(sender, {
      recipients: wanted,
      content: 'gm from the team',
      concurrency: 2,
      onEvent: async (event) => {
        if (event.type === 'sent' && ++sent === 2) await node.close()
      },
    })
    node = await startNode({ port: node.port, db, rateLimit: false, onError: () => undefined })

    expect(first.notOnNetwork).toEqual(strangers)
    expect(first.sent.length).toBeGreaterThanOrEqual(2)
    expect(first.failed.length).toBeGreaterThan(0)
    expect(first.sent.length + first.failed.length).toBe(recipients.length)
    for (const failure of first.failed) {
      expect(failure.error).toBeInstanceOf(TransportError)
      expect(failure.error.message).not.toContain('gm from the team')
    }

    const retry = await broadcast(sender, {
      recipients: first.failed.map((f) => f.address),
      content: 'gm from the team',
      skipDeliveredSinceNs: first.startedNs,
    })
    expect(retry.failed).toEqual([])
    expect(retry.sent.map((s) => s.address)).toEqual(first.failed.map((f) => f.address))
    // Each reachable wallet reads exactly one copy with its own client.
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['gm from the team']])
  })
})
