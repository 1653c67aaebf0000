import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  fetchLastMessages,
  listConversations,
  memoryTransport,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { createCountingWallet } from '../../support/wallets.js'

describe('fetchLastMessages', () => {
  test('behavior: the newest readable message of each conversation, in one batch; unreadable newest envelopes are skipped', async () => {
    const network = createMemoryNetwork()
    const transport = memoryTransport({ network })
    const me = await createClient({ signer: createCountingWallet(), transport })
    const peers = await Promise.all([0, 1, 2].map(() => createClient({ signer: createCountingWallet(), transport })))
    const conversations = await Promise.all(peers.map((p) => startConversation(p, { peerAddress: me.address })))
    await sendMessage(peers[0]!, { conversation: conversations[0]!, content: 'first' })
    await sendMessage(peers[0]!, { conversation: conversations[0]!, content: 'second' })
    await sendMessage(peers[1]!, { conversation: conversations[1]!, content: 'only' })
    // Junk published after the last real message of conversation 1.
    await transport.publish([{ contentTopic: conversations[1]!.topic, timestampNs: BigInt(Date.now() + 60_000) * 1_000_000n, message: new Uint8Array([1, 2, 3]) }])

    const mine = await listConversations(me)
    const errors: Error[] = []
    const last = await fetchLastMessages(me, { conversations: mine, onError: (e) => errors.push(e) })
    expect(last.get(conversations[0]!.topic)?.content).toBe('second')
    expect(last.get(conversations[1]!.topic)?.content).toBe('only')
    expect(last.get(conversations[2]!.topic)).toBeUndefined()
    expect(errors.length).toBeGreaterThan(0)
  })
})
