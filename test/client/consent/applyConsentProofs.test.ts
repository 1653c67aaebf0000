import { describe, expect, test } from 'vitest'
import { applyConsentProofs } from '../../../packages/client/src/consent/applyConsentProofs.js'
import { createConsentProofText } from '../../../packages/client/src/consent/createConsentProofText.js'
import { deny } from '../../../packages/client/src/consent/deny.js'
import { getConsentState } from '../../../packages/client/src/consent/getConsentState.js'
import { getConversationConsent } from '../../../packages/client/src/consent/getConversationConsent.js'
import { isValidConsentProof } from '../../../packages/client/src/consent/isValidConsentProof.js'
import { loadConsentList } from '../../../packages/client/src/consent/loadConsentList.js'
import { listConversations } from '../../../packages/client/src/conversations/listConversations.js'
import { startConversation } from '../../../packages/client/src/conversations/startConversation.js'
import { createCountingWallet } from '../../support/wallets.js'
import { createDevice, createNetwork, createWallet, randomAddress, type Wallet } from './support.js'

const DAY = 24 * 60 * 60 * 1000

/** A proof signed by `signer` letting `sender` in, at `timestamp`. */
async function proof(signer: { signMessage(text: string): Promise<string> }, sender: string, timestamp = Date.now() - 1_000) {
  return { signature: await signer.signMessage(createConsentProofText(timestamp, sender)), timestamp }
}

async function setup() {
  const { transport } = createNetwork()
  const recipient = await createWallet(transport())
  const senders: Wallet[] = []
  const send = async (makeProof: (sender: string) => Promise<{ signature: string; timestamp: number }>) => {
    const sender = await createWallet(transport())
    senders.push(sender)
    await startConversation(sender.client, { peerAddress: recipient.client.address, consentProof: await makeProof(sender.client.address) })
    return sender.client.address
  }
  return { transport, recipient, send }
}

describe('applyConsentProofs', () => {
  test('default: a valid proof signed by this wallet allows the sender (published); invalid ones are ignored', async () => {
    const { transport, recipient, send } = await setup()
    const other = createCountingWallet()
    const valid = await send((s) => proof(recipient.wallet, s))
    const expired = await send((s) => proof(recipient.wallet, s, Date.now() - 31 * DAY))
    const future = await send((s) => proof(recipient.wallet, s, Date.now() + 60 * 60 * 1000))
    const wrongSigner = await send((s) => proof(other, s))
    const wrongSender = await send(() => proof(recipient.wallet, randomAddress()))
    const malformed = await send(async () => ({ signature: '0x1234', timestamp: Date.now() - 1_000 }))

    const conversations = await listConversations(recipient.client)
    expect(conversations.every((c) => c.consentProof !== undefined)).toBe(true)
    expect(await applyConsentProofs(recipient.client, conversations)).toEqual([valid])
    const consent = Object.fromEntries(conversations.map((c) => [c.peerAddress, getConversationConsent(recipient.client, c)]))
    expect(consent).toEqual({
      [valid]: 'allowed',
      [expired]: 'requested',
      [future]: 'requested',
      [wrongSigner]: 'requested',
      [wrongSender]: 'requested',
      [malformed]: 'requested',
    })
    const device = await createDevice(recipient.client, transport())
    await loadConsentList(device)
    expect(getConsentState(device, valid)).toBe('allowed')
    // Once allowed, nothing more is published.
    expect(await applyConsentProofs(recipient.client, conversations)).toEqual([])
  })

  test('behavior: a denied peer stays denied, even one denied only on another device (the list is loaded first)', async () => {
    const { transport, recipient, send } = await setup()
    const sender = await send((s) => proof(recipient.wallet, s))
    const device = await createDevice(recipient.client, transport())
    await deny(device, [sender])
    const conversations = await listConversations(recipient.client)
    expect(await applyConsentProofs(recipient.client, conversations)).toEqual([])
    expect(getConversationConsent(recipient.client, conversations[0]!)).toBe('denied')
  })
})

describe('isValidConsentProof', () => {
  test('behavior: the 30-day window and the signer', async () => {
    const recipient = createCountingWallet()
    const sender = randomAddress()
    const now = Date.now()
    const check = async (timestamp: number, nowMs = now) =>
      isValidConsentProof({ proof: await proof(recipient, sender, timestamp), senderAddress: sender, recipientAddress: recipient.address, nowMs })
    expect(await check(now)).toBe(true)
    expect(await check(now - 30 * DAY + 1)).toBe(true)
    expect(await check(now - 30 * DAY - 1)).toBe(false)
    expect(await check(now + 1)).toBe(false)
    expect(await check(0)).toBe(false)
    // The recipient address compares case-insensitively; another recipient fails.
    const p = await proof(recipient, sender, now - 1)
    expect(isValidConsentProof({ proof: p, senderAddress: sender.toLowerCase(), recipientAddress: recipient.address.toLowerCase() })).toBe(true)
    expect(isValidConsentProof({ proof: p, senderAddress: sender, recipientAddress: randomAddress() })).toBe(false)
    expect(isValidConsentProof({ proof: { ...p, signature: 'zz' }, senderAddress: sender, recipientAddress: recipient.address })).toBe(false)
    expect(isValidConsentProof({ proof: p, senderAddress: 'nope', recipientAddress: recipient.address })).toBe(false)
  })
})
