import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  createClient,
  httpTransport,
  sendMessage,
  startConversation,
  streamAllMessages,
  type Client,
  type DecodedMessage,
  type SubscriptionStatus,
} from '@xmtp-kit/client'
import { spawnNode, type NodeProcess } from '../../support/nodeProcess.js'
import { createCountingWallet } from '../../support/wallets.js'

const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-noloss-'))
const running: NodeProcess[] = []
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('streamAllMessages', () => {
  test('behavior: a node killed mid-stream loses nothing and duplicates nothing; order kept per conversation', async () => {
    const db = join(dir, 'node.db')
    const first = await spawnNode(['--port', '0', '--db', db])
    running.push(first)
    // Fast reconnection so the test does not wait on long backoffs.
    const transport = () => httpTransport({ url: first.url, reconnect: { baseDelayMs: 50, maxDelayMs: 300 } })
    const streamer = await createClient({ signer: createCountingWallet(), transport: transport() })
    const senders: Client[] = await Promise.all([0, 1, 2].map(() => createClient({ signer: createCountingWallet(), transport: transport() })))
    const conversations = await Promise.all(senders.map((s, i) => startConversation(s, { peerAddress: streamer.address, context: { conversationId: `c${i}`, metadata: {} } })))

    const received: DecodedMessage[] = []
    const states: SubscriptionStatus[] = []
    const stream = streamAllMessages(streamer, { onMessage: (m) => received.push(m) })
    stream.state.subscribe(() => states.push(stream.state.getSnapshot().status))
    await stream.ready

    const sent: string[] = []
    const send = async (sender: Client, conversation: (typeof conversations)[number], text: string) => {
      await sendMessage(sender, { conversation, content: text })
      sent.push(text)
    }
    for (let n = 0; n < 5; n++) await Promise.all(senders.map((s, i) => send(s, conversations[i]!, `${i}:before:${n}`)))
    await until(() => received.length === 15, 10_000, 'messages before the kill')

    first.child.kill('SIGKILL')
    await first.exited
    const second = await spawnNode(['--port', String(first.port), '--db', db])
    running.push(second)

    for (let n = 0; n < 5; n++) await Promise.all(senders.map((s, i) => send(s, conversations[i]!, `${i}:after:${n}`)))
    // A conversation started after the restart joins the stream with its first messages.
    const late = await createClient({ signer: createCountingWallet(), transport: transport() })
    const lateConversation = await startConversation(late, { peerAddress: streamer.address })
    for (let n = 0; n < 3; n++) await send(late, lateConversation, `late:${n}`)

    await until(() => received.length >= sent.length, 20_000, 'every message after the restart')
    await new Promise((r) => setTimeout(r, 300))
    stream.close()

    const texts = received.map((m) => m.content as string)
    expect(new Set(texts).size).toBe(texts.length)
    expect([...texts].sort()).toEqual([...sent].sort())
    for (const prefix of ['0:', '1:', '2:', 'late:']) {
      const inConversation = texts.filter((t) => t.startsWith(prefix))
      const expected = sent.filter((t) => t.startsWith(prefix))
      expect(inConversation).toEqual(expected)
    }
    expect(states).toContain('reconnecting')
    expect(states.lastIndexOf('live')).toBeGreaterThan(states.indexOf('reconnecting'))
    second.child.kill('SIGTERM')
  }, 60_000)
})
