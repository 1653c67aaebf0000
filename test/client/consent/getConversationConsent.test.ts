import { describe, expect, test } from 'vitest'
import { allow } from '../../../packages/client/src/consent/allow.js'
import { deny } from '../../../packages/client/src/consent/deny.js'
import { getConsentState } from '../../../packages/client/src/consent/getConsentState.js'
import { getConsentStore } from '../../../packages/client/src/consent/getConsentStore.js'
import { getConversationConsent } from '../../../packages/client/src/consent/getConversationConsent.js'
import { loadConsentList } from '../../../packages/client/src/consent/loadConsentList.js'
import { listConversations } from '../../../packages/client/src/conversations/listConversations.js'
import { startConversation } from '../../../packages/client/src/conversations/startConversation.js'
import { TransportError } from '../../../packages/client/src/errors/errors.js'
import { sendMessage } from '../../../packages/client/src/messages/sendMessage.js'
import type { Transport } from '../../../packages/client/src/transport/types.js'
import { createDevice, createNetwork, createWallet } from './support.js'

describe('getConversationConsent', () => {
  test('default: a conversation from an unknown peer is requested; allow / deny move it', async () => {
    const { transport } = createNetwork()
    const alice = await createWallet(transport())
    const bob = await createWallet(transport())
    await startConversation(bob.client, { peerAddress: alice.client.address })
    const [conversation] = await listConversations(alice.client)
    expect(getConversationConsent(alice.client, conversation!)).toBe('requested')
    await deny(alice.client, [bob.client.address])
    expect(getConversationConsent(alice.client, conversation!)).toBe('denied')
    await allow(alice.client, [bob.client.address])
    expect(getConversationConsent(alice.client, conversation!)).toBe('allowed')
  })

  test('behavior: starting a conversation allows the peer on the network (as the SDK does)', async () => {
    const { transport } = createNetwork()
    const alice = await createWallet(transport())
    const bob = await createWallet(transport())
    const conversation = await startConversation(bob.client, { peerAddress: alice.client.address })
    expect(getConversationConsent(bob.client, conversation)).toBe('allowed')
    expect(getConsentState(bob.client, alice.client.address)).toBe('allowed')
    const device = await createDevice(bob.client, transport())
    await loadConsentList(device)
    expect(getConsentState(device, alice.client.address)).toBe('allowed')
  })

  test('behavior: replying allows the peer; a denied peer stays denied', async () => {
    const { transport } = createNetwork()
    const alice = await createWallet(transport())
    const bob = await createWallet(transport())
    const carol = await createWallet(transport())
    await startConversation(bob.client, { peerAddress: alice.client.address })
    await startConversation(carol.client, { peerAddress: alice.client.address })
    const conversations = await listConversations(alice.client)
    const fromBob = conversations.find((c) => c.peerAddress === bob.client.address)!
    const fromCarol = conversations.find((c) => c.peerAddress === carol.client.address)!
    await deny(alice.client, [carol.client.address])
    await sendMessage(alice.client, { conversation: fromBob, content: 'hi bob' })
    await sendMessage(alice.client, { conversation: fromCarol, content: 'go away' })
    expect(getConversationConsent(alice.client, fromBob)).toBe('allowed')
    expect(getConversationConsent(alice.client, fromCarol)).toBe('denied')
    const device = await createDevice(alice.client, transport())
    await loadConsentList(device)
    expect([getConsentState(device, bob.client.address), getConsentState(device, carol.client.address)]).toEqual(['allowed', 'denied'])
  })

  test('behavior: a peer denied on another device is not re-allowed by a send (the list is loaded first)', async () => {
    const { transport } = createNetwork()
    const alice = await createWallet(transport())
    const bob = await createWallet(transport())
    await startConversation(bob.client, { peerAddress: alice.client.address })
    const device = await createDevice(alice.client, transport())
    await deny(device, [bob.client.address])
    const [conversation] = await listConversations(alice.client)
    await sendMessage(alice.client, { conversation: conversation!, content: 'hm' })
    expect(getConsentState(alice.client, bob.client.address)).toBe('denied')
  })

  test('behavior: a failing allow does not fail the send; it becomes the consent snapshot error', async () => {
    const { transport } = createNetwork()
    const base = transport()
    // A node that refuses writes to preferences topics.
    const refusing: Transport = {
      ...base,
      publish: (envelopes, parameters) =>
        envelopes.some((e) => e.contentTopic.startsWith('/xmtp/0/userpreferences-'))
          ? Promise.reject(new TransportError('refused', { grpcCode: 7, status: 403 }))
          : base.publish(envelopes, parameters),
    }
    const alice = await createWallet(refusing)
    const bob = await createWallet(transport())
    const conversation = await startConversation(alice.client, { peerAddress: bob.client.address })
    const sent = await sendMessage(alice.client, { conversation, content: 'still sent' })
    expect(sent.content).toBe('still sent')
    expect(getConsentStore(alice.client).getSnapshot().error).toBeInstanceOf(TransportError)
    expect(getConsentState(alice.client, bob.client.address)).toBe('unknown')
    expect(getConversationConsent(alice.client, conversation)).toBe('allowed')
  })
})
