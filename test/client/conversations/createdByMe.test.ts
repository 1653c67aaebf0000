import { describe, expect, test } from 'vitest'
import {
  createClient,
  createMemoryNetwork,
  getConversationConsent,
  listConversations,
  memoryTransport,
  startConversation,
} from '@xmtp-kit/client'
import { createCountingWallet } from '../../support/wallets.js'

describe('Conversation.createdByMe', () => {
  test('behavior: true for conversations this wallet started on any device, and they count as allowed', async () => {
    const transport = memoryTransport({ network: createMemoryNetwork() })
    const me = await createClient({ signer: createCountingWallet(), transport })
    const peer = await createClient({ signer: createCountingWallet(), transport })
    const stranger = await createClient({ signer: createCountingWallet(), transport })
    const mine = await startConversation(me, { peerAddress: peer.address })
    await startConversation(stranger, { peerAddress: me.address })
    expect(mine.createdByMe).toBe(true)

    // The same wallet on another device (a client from its keys) lists both.
    const otherDevice = await createClient({ keys: me.exportKeys(), transport })
    const listed = await listConversations(otherDevice)
    const started = listed.find((c) => c.peerAddress === peer.address)!
    const received = listed.find((c) => c.peerAddress === stranger.address)!
    expect([started.createdByMe, received.createdByMe]).toEqual([true, false])
    expect(getConversationConsent(otherDevice, started)).toBe('allowed')
    expect(getConversationConsent(otherDevice, received)).toBe('requested')
  })
})
