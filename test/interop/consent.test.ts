/**
 * Consent (private preferences, spec §11) across implementations: `@xmtp/xmtp-js` 13.0.4 and @xmtp-kit/client
 * on the same identity through a real node, both directions; consent proofs (§11.3) both directions.
 */
import { createRequire } from 'node:module'
import Long from 'long'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { broadcast, createClient, httpTransport, listConversations, startConversation, type Client } from '@xmtp-kit/client'
import { allow } from '../../packages/client/src/consent/allow.js'
import { applyConsentProofs } from '../../packages/client/src/consent/applyConsentProofs.js'
import { getConsentRecord } from '../../packages/client/src/consent/consentRecord.js'
import { createConsentProofText } from '../../packages/client/src/consent/createConsentProofText.js'
import { deny } from '../../packages/client/src/consent/deny.js'
import { getConsentState } from '../../packages/client/src/consent/getConsentState.js'
import { getConversationConsent } from '../../packages/client/src/consent/getConversationConsent.js'
import { loadConsentList } from '../../packages/client/src/consent/loadConsentList.js'
import { streamConsentList } from '../../packages/client/src/consent/streamConsentList.js'
import type { ConsentEntry } from '../../packages/client/src/consent/types.js'
import { createCountingWallet, type CountingWallet } from '../support/wallets.js'

const { Client: SdkClient } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
type Sdk = Awaited<ReturnType<typeof SdkClient.create>>

const DAY = 24 * 60 * 60 * 1000
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const randomAddress = () => createCountingWallet().address
async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await delay(20)
  }
}

let node: StartNodeReturnType
/** One wallet, two implementations: the SDK and the kit on the SDK's keys. */
let sdk: Sdk
let kit: Client
const others: Sdk[] = []

const transport = () => httpTransport({ url: node.url })
const newSdk = async (wallet: CountingWallet = createCountingWallet()) => {
  const client = await SdkClient.create(wallet, { apiUrl: node.url })
  others.push(client)
  return client
}

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  const wallet = createCountingWallet()
  sdk = await SdkClient.create(wallet, { apiUrl: node.url })
  kit = await createClient({ keys: await SdkClient.getKeys(wallet, { apiUrl: node.url }), transport: transport() })
})
afterAll(async () => {
  for (const client of others) await client.close()
  await sdk?.close()
  await node?.close()
})

describe('consent with the official SDK, same identity', () => {
  test('behavior: both derive the same private preferences topic', async () => {
    expect(kit.address).toBe(sdk.address)
    const keystore = sdk.keystore as unknown as { getPrivatePreferencesTopic(): Promise<string> }
    expect(getConsentRecord(kit).topic).toBe(await keystore.getPrivatePreferencesTopic())
  })

  test('behavior: the SDK allows and denies; the kit reads it, later actions overriding', async () => {
    const [a, b, c] = [randomAddress(), randomAddress(), randomAddress()]
    // The SDK stamps actions with `new Date()`: apart by a few ms so their order is unambiguous.
    await sdk.contacts.allow([a, b])
    await delay(5)
    await sdk.contacts.deny([c])
    await delay(5)
    await sdk.contacts.deny([b])
    await loadConsentList(kit)
    expect([a, b, c, randomAddress()].map((x) => getConsentState(kit, x))).toEqual(['allowed', 'denied', 'denied', 'unknown'])
    await delay(5)
    await sdk.contacts.allow([b])
    await loadConsentList(kit)
    expect(getConsentState(kit, b)).toBe('allowed')
  })

  test('behavior: the kit allows and denies; the SDK reads it', async () => {
    const [a, b] = [randomAddress(), randomAddress()]
    await allow(kit, [a, b])
    await deny(kit, [b.toLowerCase()])
    await sdk.contacts.refreshConsentList()
    expect([sdk.contacts.consentState(a), sdk.contacts.consentState(b)]).toEqual(['allowed', 'denied'])
    await deny(kit, [a])
    await sdk.contacts.refreshConsentList()
    expect(sdk.contacts.consentState(a)).toBe('denied')
  })

  test('behavior: addresses the SDK stores in lower case are found by the kit case-insensitively (the SDK itself is case-sensitive)', async () => {
    const a = randomAddress()
    await sdk.contacts.allow([a.toLowerCase()])
    await loadConsentList(kit)
    expect(getConsentState(kit, a)).toBe('allowed')
    expect(sdk.contacts.consentState(a.toLowerCase())).toBe('allowed')
    expect(sdk.contacts.consentState(a)).toBe('unknown')
  })

  test('behavior: streams see each other live (kit stream ← SDK action; SDK stream ← kit action)', async () => {
    const changes: ConsentEntry[] = []
    const stream = streamConsentList(kit, { onChange: (c) => changes.push(...c) })
    await stream.ready
    const a = randomAddress()
    await sdk.contacts.allow([a])
    await waitFor(() => changes.some((e) => e.address === a), 'the SDK allow on the kit stream')
    expect(getConsentState(kit, a)).toBe('allowed')
    stream.close()

    const sdkStream = await sdk.contacts.streamConsentList()
    const b = randomAddress()
    const next = sdkStream.next()
    await delay(200)
    await deny(kit, [b])
    const { value } = await next
    expect(value?.denyAddress?.walletAddresses).toEqual([b])
    expect(sdk.contacts.consentState(b)).toBe('denied')
    await sdkStream.return()
  })

  test('behavior: the kit auto-allows on start like the SDK; the SDK reads it', async () => {
    const peer = await newSdk()
    const conversation = await startConversation(kit, { peerAddress: peer.address })
    expect(getConversationConsent(kit, conversation)).toBe('allowed')
    await sdk.contacts.refreshConsentList()
    expect(sdk.contacts.consentState(peer.address)).toBe('allowed')
  })
})

describe('consent proofs with the official SDK', () => {
  test('behavior: the kit honours a valid proof attached by an SDK sender; expired, future, wrong-signer and other-sender proofs stay requested', async () => {
    const recipientWallet = createCountingWallet()
    const recipient = await createClient({ signer: recipientWallet, transport: transport() })
    const stranger = createCountingWallet()
    const cases: Record<string, { signer: CountingWallet; timestamp: number; forSender?: string }> = {
      valid: { signer: recipientWallet, timestamp: Date.now() - 60_000 },
      expired: { signer: recipientWallet, timestamp: Date.now() - 31 * DAY },
      future: { signer: recipientWallet, timestamp: Date.now() + 60 * 60_000 },
      wrongSigner: { signer: stranger, timestamp: Date.now() - 60_000 },
      // The recipient's own signature, but letting in another wallet than the one that attaches it.
      otherSender: { signer: recipientWallet, timestamp: Date.now() - 60_000, forSender: randomAddress() },
    }
    const senders: Record<string, string> = {}
    for (const [name, { signer, timestamp, forSender }] of Object.entries(cases)) {
      const sender = await newSdk()
      const signature = await signer.signMessage(createConsentProofText(timestamp, forSender ?? sender.address))
      // newConversation(peerAddress, context?, consentProof?: invitation.ConsentProofPayload)
      await sender.conversations.newConversation(recipient.address, undefined, {
        signature,
        timestamp: Long.fromNumber(timestamp, true) as never,
        payloadVersion: 1,
      })
      senders[sender.address] = name
    }
    const conversations = await listConversations(recipient)
    expect(conversations).toHaveLength(5)
    const allowed = await applyConsentProofs(recipient, conversations)
    expect(allowed.map((a) => senders[a])).toEqual(['valid'])
    const consent = Object.fromEntries(conversations.map((c) => [senders[c.peerAddress], getConversationConsent(recipient, c)]))
    expect(consent).toEqual({ valid: 'allowed', expired: 'requested', future: 'requested', wrongSigner: 'requested', otherSender: 'requested' })
    for (const c of conversations) expect(c.consentProof?.timestamp).toBe(cases[senders[c.peerAddress]!]!.timestamp)
  })

  test('behavior: the SDK honours a valid proof attached by a kit sender; expired, future, wrong-signer and other-sender proofs stay unknown', async () => {
    const recipientWallet = createCountingWallet()
    const recipient = await newSdk(recipientWallet)
    const send = async (timestamp: number, { signer = recipientWallet, forSender }: { signer?: CountingWallet; forSender?: string } = {}) => {
      const sender = await createClient({ signer: createCountingWallet(), transport: transport() })
      const signature = await signer.signMessage(createConsentProofText(timestamp, forSender ?? sender.address))
      await startConversation(sender, { peerAddress: recipient.address, consentProof: { signature, timestamp } })
      return sender.address
    }
    const valid = await send(Date.now() - 60_000)
    const expired = await send(Date.now() - 31 * DAY)
    const future = await send(Date.now() + 60 * 60_000)
    const wrongSigner = await send(Date.now() - 60_000, { signer: createCountingWallet() })
    const otherSender = await send(Date.now() - 60_000, { forSender: randomAddress() })
    await recipient.contacts.refreshConsentList()
    expect([valid, expired, future, wrongSigner, otherSender].map((a) => recipient.contacts.consentState(a))).toEqual(['allowed', 'unknown', 'unknown', 'unknown', 'unknown'])
  })

  test('behavior: a kit broadcast with stored proofs lands allowed on the SDK recipients who signed one, and as a request for the others', async () => {
    const sender = await createClient({ signer: createCountingWallet(), transport: transport() })
    const [withProof, without] = [createCountingWallet(), createCountingWallet()]
    const recipients = [await newSdk(withProof), await newSdk(without)]
    const timestamp = Date.now() - 60_000
    const stored = new Map([[withProof.address, { signature: await withProof.signMessage(createConsentProofText(timestamp, sender.address)), timestamp }]])
    const report = await broadcast(sender, {
      recipients: recipients.map((r) => r.address),
      content: 'thanks for subscribing',
      conversationFor: (address) => {
        const consentProof = stored.get(address as `0x${string}`)
        return consentProof ? { consentProof } : undefined
      },
    })
    expect(report.sent).toHaveLength(2)
    for (const r of recipients) await r.contacts.refreshConsentList()
    expect(recipients.map((r) => r.contacts.consentState(sender.address))).toEqual(['allowed', 'unknown'])
    const [conversation] = await recipients[0]!.conversations.list()
    expect((await conversation!.messages()).map((m) => m.content)).toEqual(['thanks for subscribing'])
  })
})
