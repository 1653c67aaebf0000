import {
  allow,
  type Attachment,
  type Client,
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeReply,
  ContentTypeText,
  type Conversation,
  createClient,
  createMemoryNetwork,
  deny,
  listConversations,
  type MemoryNetwork,
  memoryTransport,
  type Reaction,
  type Reply,
  sendMessage,
  startConversation,
  type Signer,
  toSigner,
  type Transport,
} from '@xmtp-kit/client'
import type { XMTPProviderProps } from '@xmtp-kit/react'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { clientFor } from './identities.js'
import { LONG_THREAD_LENGTH, threadSnapshot } from './longThread.js'
import { type ReplyBot, startReplyBot } from './replyBot.js'
import { type StoryTransport, storyTransport } from './transport.js'

/** The peers of the seeded inbox. */
export type PeerName = 'alice' | 'bob' | 'carol' | 'dave' | 'mallory' | 'erin'

/**
 * What a story runs on: an in-memory network; the local user's client `me`, made fresh from keys as when an
 * app opens (it knows nothing until it reads the network), behind a transport the story can disturb; the
 * peers' clients; and, as `me` sees them, the conversations with each.
 */
export interface Scenario extends BaseScenario {
  me: Client
}

/** What every scenario has, with or without a connected local user. */
export interface BaseScenario {
  network: MemoryNetwork
  transport: StoryTransport
  peers: Partial<Record<PeerName, Client>>
  conversations: Partial<Record<PeerName, Conversation>>
  /** Wallets that have no XMTP identity. */
  offNetwork: string[]
  /** What the story's `XMTPProvider` is given: by default `{ client: me }`. */
  provider: Omit<XMTPProviderProps, 'children'>
  /** Stops the reply bots. */
  dispose(): void
}

/** A wallet connected to the app but not yet to XMTP: the provider has a transport and no client. */
export interface WalletScenario extends BaseScenario {
  wallet: { address: string; signer: Signer }
}

export interface ScenarioOptions {
  /**
   * Whether `me` lists its conversations before the story renders (default `true`): components given a
   * conversation (`MessageList`, `Composer`, `RequestBanner`) need it known; `Inbox` and `ConversationList`
   * list by themselves.
   */
  listed?: boolean | undefined
}

export type BuildScenario = (options?: ScenarioOptions) => Promise<Scenario>

/** A network being seeded: `seeder` is the local user's identity on an undisturbed transport. */
interface Seeding {
  network: MemoryNetwork
  shared: Transport
  seeder: Client
  bots: ReplyBot[]
}

async function seeding(seeder: (transport: Transport, network: MemoryNetwork) => Promise<Client> = (t) => clientFor('me', t)): Promise<Seeding> {
  const network = createMemoryNetwork()
  const shared = memoryTransport({ network })
  return { network, shared, seeder: await seeder(shared, network), bots: [] }
}

/** Peers answer every message through a reply bot; seeding ends once their streams are live. */
async function startBots(s: Seeding, clients: Client[]) {
  const bots = clients.map((client) => startReplyBot(client))
  s.bots.push(...bots)
  await Promise.all(bots.map((bot) => bot.ready))
}

/** The story's own client for the local user, and its view of the conversations. */
async function finish(s: Seeding, peers: Scenario['peers'], { listed = true }: ScenarioOptions = {}): Promise<Scenario> {
  const transport = storyTransport(memoryTransport({ network: s.network }))
  const me = await createClient({ keys: s.seeder.exportKeys(), transport })
  const known = listed ? await listConversations(me) : await listConversations(s.seeder)
  const conversations: Scenario['conversations'] = {}
  for (const [name, peer] of Object.entries(peers) as [PeerName, Client][]) {
    const conversation = known.find((c) => c.peerAddress === peer.address)
    if (conversation) conversations[name] = conversation
  }
  return {
    network: s.network,
    transport,
    me,
    peers,
    conversations,
    offNetwork: OFF_NETWORK,
    provider: { client: me },
    dispose: () => s.bots.forEach((bot) => bot.close()),
  }
}

/** Three wallets that never made an XMTP identity. */
const OFF_NETWORK = Array.from({ length: 3 }, () => privateKeyToAccount(generatePrivateKey()).address)

/** A small PNG (a sunset) drawn on a canvas, for the image attachment. */
async function sunsetPng(): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(160, 100)
  const context = canvas.getContext('2d')!
  const sky = context.createLinearGradient(0, 0, 0, 100)
  sky.addColorStop(0, '#2b2d6e')
  sky.addColorStop(0.6, '#f07a3c')
  sky.addColorStop(1, '#fbd46d')
  context.fillStyle = sky
  context.fillRect(0, 0, 160, 100)
  context.fillStyle = '#fff3c4'
  context.beginPath()
  context.arc(80, 88, 22, 0, Math.PI * 2)
  context.fill()
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
}

/** A new wallet: no conversations at all. */
export const emptyInbox: BuildScenario = async (options) => finish(await seeding(), {}, options)

/** One conversation the local user started with Bob (who answers through a reply bot), and no messages yet. */
export const newConversation: BuildScenario = async (options) => {
  const s = await seeding()
  const bob = await clientFor('bob', s.shared)
  await startConversation(s.seeder, { peerAddress: bob.address })
  await startBots(s, [bob])
  return finish(s, { bob }, options)
}

/**
 * A lived-in inbox: Alice (allowed; a thread with reactions, a reply and an image), Bob (a conversation the
 * local user started), Carol (allowed, two unread messages), Dave (an unknown sender: a request), Mallory
 * (blocked) and Erin (on XMTP, no conversation yet). Every peer but Mallory answers each message through a
 * reply bot.
 */
export const seededInbox: BuildScenario = async (options) => {
  const s = await seeding()
  const me = s.seeder
  const [alice, bob, carol, dave, mallory, erin] = (await Promise.all(
    ['alice', 'bob', 'carol', 'dave', 'mallory', 'erin'].map((name) => clientFor(name, s.shared)),
  )) as [Client, Client, Client, Client, Client, Client]

  // Alice wrote first; the local user answered, both reacted, she replied to one message and sent a photo.
  const aliceSide = await startConversation(alice, { peerAddress: me.address })
  await sendMessage(alice, { conversation: aliceSide, content: 'gm! Did you see the new drop?' })
  const withAlice = await startConversation(me, { peerAddress: alice.address })
  const invite = await sendMessage(me, { conversation: withAlice, content: 'Yes, minting tonight. Want to join?' })
  await sendMessage<Reaction>(alice, {
    conversation: aliceSide,
    contentType: ContentTypeReaction,
    content: { reference: invite.id, action: 'added', schema: 'unicode', content: '🔥' },
  })
  await sendMessage<Reply<string>>(alice, {
    conversation: aliceSide,
    contentType: ContentTypeReply,
    content: { reference: invite.id, contentType: ContentTypeText, content: 'Count me in!' },
  })
  const photo = await sendMessage<Attachment>(alice, {
    conversation: aliceSide,
    contentType: ContentTypeAttachment,
    content: { filename: 'sunset.png', mimeType: 'image/png', data: await sunsetPng() },
  })
  await sendMessage<Reaction>(me, {
    conversation: withAlice,
    contentType: ContentTypeReaction,
    content: { reference: photo.id, action: 'added', schema: 'unicode', content: '❤️' },
  })

  // The local user started the conversation with Bob: allowed without asking.
  const withBob = await startConversation(me, { peerAddress: bob.address })
  await sendMessage(me, { conversation: withBob, content: 'Hey Bob, are you around later?' })
  await sendMessage(bob, { conversation: await startConversation(bob, { peerAddress: me.address }), content: 'Sure, after 6.' })

  // Carol is allowed; her two messages are unread.
  const carolSide = await startConversation(carol, { peerAddress: me.address })
  await sendMessage(carol, { conversation: carolSide, content: 'Are the slides ready?' })
  await sendMessage(carol, { conversation: carolSide, content: 'No rush, tomorrow is fine.' })

  // Dave is a stranger: his conversation waits in Requests.
  const daveSide = await startConversation(dave, { peerAddress: me.address })
  await sendMessage(dave, { conversation: daveSide, content: 'Hi! I saw your post about the DAO vote. Can we talk?' })

  // Mallory spammed and was blocked.
  const mallorySide = await startConversation(mallory, { peerAddress: me.address })
  await sendMessage(mallory, { conversation: mallorySide, content: 'Claim your airdrop now!!! limited spots' })

  await allow(me, [alice.address, carol.address])
  await deny(me, [mallory.address])
  await startBots(s, [alice, bob, carol, dave, erin])
  return finish(s, { alice, bob, carol, dave, mallory, erin }, options)
}

/**
 * Alice and the local user with a thread of `length` messages (default {@link LONG_THREAD_LENGTH}), made once
 * per browser profile (see `longThread.ts`) and replayed onto a fresh network. Alice wrote first; the local
 * user's answers allowed her, as sending does.
 */
export const longThread =
  ({ length = LONG_THREAD_LENGTH }: { length?: number } = {}): BuildScenario =>
  async (options) => {
    const snapshot = await threadSnapshot(length)
    const s = await seeding(async (transport, network) => {
      network.publish(snapshot.envelopes)
      return createClient({ keys: snapshot.meKeys, transport })
    })
    const alice = await createClient({ keys: snapshot.peerKeys, transport: s.shared })
    await startBots(s, [alice])
    return finish(s, { alice }, options)
  }

/**
 * How the wallet answers signature requests: it signs, its user declines the first request (and approves
 * the next), or the request waits for an answer that never comes (the prompt left open).
 */
export type WalletBehaviour = 'approves' | 'declinesOnce' | 'neverAnswers'

/**
 * A new wallet, connected to the app but not to XMTP yet: the provider gets the transport, not a client, so
 * the components see no client until the wallet signs in (`useClient().connect`). Alice and Erin are on
 * the network and answer through reply bots.
 */
export const walletScenario =
  (behaviour: WalletBehaviour = 'approves') =>
  async (): Promise<WalletScenario> => {
    const s = await seeding()
    const [alice, erin] = await Promise.all([clientFor('alice', s.shared), clientFor('erin', s.shared)])
    await startBots(s, [alice, erin])
    const account = privateKeyToAccount(generatePrivateKey())
    const signer = toSigner(account)
    let declined = false
    const wallet: Signer = {
      getAddress: () => signer.getAddress(),
      signMessage(message) {
        if (behaviour === 'neverAnswers') return new Promise(() => undefined)
        if (behaviour === 'declinesOnce' && !declined) {
          declined = true
          return Promise.reject(new Error('User rejected the request.'))
        }
        return signer.signMessage(message)
      },
    }
    const transport = storyTransport(memoryTransport({ network: s.network }))
    return {
      network: s.network,
      transport,
      wallet: { address: account.address, signer: wallet },
      peers: { alice, erin },
      conversations: {},
      offNetwork: OFF_NETWORK,
      provider: { transport },
      dispose: () => s.bots.forEach((bot) => bot.close()),
    }
  }
