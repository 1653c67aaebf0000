// What a visitor finds in their inbox: conversations with the demo wallets, written by both sides.
import {
  type Attachment,
  type Client,
  ContentTypeAttachment,
  ContentTypeReaction,
  ContentTypeReply,
  ContentTypeText,
  type Conversation,
  type Reaction,
  type Reply,
  deny,
  sendMessage,
  startConversation,
} from '@xmtp-kit/client'
import { FAUCET_AMOUNT, type CastId } from './cast.js'
import { sunsetPng } from './png.js'

export type CastClients = Record<CastId, Client>

const talk = (from: Client, to: Client | string): Promise<Conversation> => startConversation(from, { peerAddress: typeof to === 'string' ? to : to.address })
const say = (from: Client, conversation: Conversation, text: string) => sendMessage(from, { conversation, content: text })
const react = (from: Client, conversation: Conversation, messageId: string, emoji: string) =>
  sendMessage<Reaction>(from, { conversation, contentType: ContentTypeReaction, content: { reference: messageId, action: 'added', schema: 'unicode', content: emoji } })
const reply = (from: Client, conversation: Conversation, messageId: string, text: string) =>
  sendMessage<Reply<string>>(from, { conversation, contentType: ContentTypeReply, content: { reference: messageId, contentType: ContentTypeText, content: text } })

const SPAM = [
  '★★★ CONGRATULATIONS!!! ★★★ Your wallet was selected for a 5,000 USDT AIRDROP',
  'CLAIM NOW ➜ free-airdrop.example before it expires in 10 MINUTES!!! $$$',
]
const PHISHING = '⚠ Security alert: unusual activity on your wallet. Verify your recovery phrase at wallet-verify.example within 24 hours or your funds will be frozen.'
const DAVE = "Hi! I hold DEMO too and I'm organizing Friday's community call. Would you like to present the treasury proposal?"

/**
 * A lived-in inbox for `visitor` (a wallet whose keys the server holds for the moment): Primary holds the
 * reply bot, Alice (reactions both ways, a reply, a photo), Bob (two unread messages) and Carol; Requests hold a
 * stranger who holds DEMO and an obvious airdrop spammer; Blocked holds a phisher. The conversations are
 * written oldest first, so the list reads bot, Alice, Bob, Carol, then the requests.
 */
export async function seedVisitorInbox(visitor: Client, cast: CastClients): Promise<void> {
  // Blocked: a phishing message the visitor has already blocked.
  await say(cast.phisher, await talk(cast.phisher, visitor), PHISHING)
  await deny(visitor, [cast.phisher.address])

  // Requests: the spammer, then a stranger who holds DEMO (the holders-first filter lifts him above the spam).
  const spam = await talk(cast.airdrop, visitor)
  for (const text of SPAM) await say(cast.airdrop, spam, text)
  await say(cast.dave, await talk(cast.dave, visitor), DAVE)

  // Carol: a short exchange, all read. Writing in a conversation allows its peer, so these land in Primary.
  const withCarol = await talk(visitor, cast.carol)
  await say(visitor, withCarol, 'Lunch on Thursday?')
  await say(cast.carol, await talk(cast.carol, visitor), 'Yes! The usual place at 12:30?')
  await say(visitor, withCarol, 'Perfect ✌️')

  // Bob: the visitor asked; his two answers wait unread.
  const withBob = await talk(visitor, cast.bob)
  await say(visitor, withBob, 'Hey Bob, did you get a chance to read the treasury proposal?')
  const bobSide = await talk(cast.bob, visitor)
  await say(cast.bob, bobSide, 'Reading it now.')
  await say(cast.bob, bobSide, 'Left two comments on the budget section. Looks good otherwise!')

  // Alice: reactions both ways, a reply quoting the visitor, and a photo.
  const aliceSide = await talk(cast.alice, visitor)
  await say(cast.alice, aliceSide, 'gm! DEMO is live on the local chain.')
  const withAlice = await talk(visitor, cast.alice)
  const news = await say(visitor, withAlice, `Just got my first ${FAUCET_AMOUNT} DEMO from the faucet!`)
  await react(cast.alice, aliceSide, news.id, '❤️')
  await reply(cast.alice, aliceSide, news.id, 'Welcome aboard! Holders see new proposals first.')
  const photo = await sendMessage<Attachment>(cast.alice, {
    conversation: aliceSide,
    contentType: ContentTypeAttachment,
    content: { filename: 'launch-party.png', mimeType: 'image/png', data: sunsetPng() },
  })
  await say(cast.alice, aliceSide, 'The sunset at the launch party last night.')
  await react(visitor, withAlice, photo.id, '☀️')

  // The reply bot, last, so that it tops the list; it answers this one itself.
  await say(visitor, await talk(visitor, cast.bot), 'Hi bot!')
}

/**
 * A welcome for a wallet whose keys stay with the visitor (an injected wallet, or the widget's own burner): the
 * demo wallets can only write to it, so everything lands in Requests, where the visitor accepts or blocks.
 */
export async function welcomeVisitor(address: string, cast: CastClients): Promise<void> {
  await say(cast.airdrop, await talk(cast.airdrop, address), SPAM[0]!)
  await say(cast.dave, await talk(cast.dave, address), DAVE)
  await say(cast.alice, await talk(cast.alice, address), `gm! Welcome to DEMO DAO. The faucet just sent you ${FAUCET_AMOUNT} DEMO.`)
  await say(cast.bot, await talk(cast.bot, address), "Hi! I'm the reply bot. Accept this request and write to me: I answer every message in about a second.")
}
