import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { consentIs } from '../../../packages/client/src/filters/consentIs.js'
import { getMessageText } from '../../../packages/client/src/filters/getMessageText.js'
import { hasReplied } from '../../../packages/client/src/filters/hasReplied.js'
import { hasUnread } from '../../../packages/client/src/filters/hasUnread.js'
import { isDisplayableMessage } from '../../../packages/client/src/filters/isDisplayableMessage.js'
import { keyword } from '../../../packages/client/src/filters/keyword.js'
import { peerIn } from '../../../packages/client/src/filters/peerIn.js'
import type { InboxConsentState } from '../../../packages/client/src/filters/types.js'
import {
  ALICE,
  BOB,
  CAROL,
  ME,
  attachment,
  buildConversation,
  buildItem,
  buildMessage,
  reaction,
  readReceipt,
  reply,
  text,
  undecodable,
} from './fixtures.js'

const conversation = buildConversation()

describe('consentIs', () => {
  test('default: passes exactly the items with that consent', () => {
    const states: InboxConsentState[] = ['allowed', 'requested', 'denied']
    for (const wanted of states) {
      for (const consent of states) expect(consentIs(wanted)(buildItem({ consent }))).toBe(wanted === consent)
    }
  })

  test('parameters: state must be a consent state', () => {
    expect(() => consentIs('unknown' as InboxConsentState)).toThrow(
      new TypeError('consentIs: state must be "allowed", "requested" or "denied".'),
    )
  })
})

describe('hasReplied', () => {
  test('default: passes when I sent a message, fails when only the peer wrote or nothing was written', () => {
    expect(hasReplied()(buildItem({ conversation, messages: [text(conversation, 1n, 'hi'), text(conversation, 2n, 'yo', true)] }))).toBe(true)
    expect(hasReplied()(buildItem({ conversation, messages: [text(conversation, 1n, 'hi')] }))).toBe(false)
    expect(hasReplied()(buildItem({ conversation, messages: [] }))).toBe(false)
  })

  test('behavior: my read receipts and removed reactions are not replies; my reactions and replies are', () => {
    const peer = text(conversation, 1n, 'hi')
    expect(hasReplied()(buildItem({ conversation, messages: [peer, readReceipt(conversation, 2n, true)] }))).toBe(false)
    expect(hasReplied()(buildItem({ conversation, messages: [peer, reaction(conversation, 2n, '👍', 'removed', true)] }))).toBe(false)
    expect(hasReplied()(buildItem({ conversation, messages: [peer, reaction(conversation, 2n, '👍', 'added', true)] }))).toBe(true)
    expect(hasReplied()(buildItem({ conversation, messages: [peer, reply(conversation, 2n, 'sure', true)] }))).toBe(true)
  })

  test('behavior: a message from my address counts even when fromMe is false (e.g. sent from another app), in any case', () => {
    const fromOtherApp = buildMessage({ conversation, sentNs: 2n, content: 'hi', senderAddress: ME.toUpperCase().replace('0X', '0x') })
    expect(hasReplied()(buildItem({ conversation, messages: [fromOtherApp] }))).toBe(true)
  })
})

describe('hasUnread', () => {
  test('default: passes a positive count only', () => {
    expect(hasUnread()(buildItem({ unreadCount: 2 }))).toBe(true)
    expect(hasUnread()(buildItem({ unreadCount: 0 }))).toBe(false)
    expect(hasUnread()(buildItem({}))).toBe(false)
  })
})

describe('keyword', () => {
  const item = buildItem({
    conversation,
    messages: [
      text(conversation, 1n, 'Meet at the Café tomorrow'),
      reply(conversation, 2n, 'Bring the INVOICE please'),
      attachment(conversation, 3n, 'contract-2024.pdf'),
      reaction(conversation, 4n, '🔥'),
      undecodable(conversation, 5n, 'Poll: pizza or sushi?'),
      readReceipt(conversation, 6n),
    ],
  })

  test('default: case-insensitive substring over text, text replies and fallbacks', () => {
    expect(keyword('café')(item)).toBe(true)
    expect(keyword('invoice')(item)).toBe(true)
    expect(keyword('CONTRACT-2024')(item)).toBe(true)
    expect(keyword('sushi')(item)).toBe(true)
    expect(keyword('lunch')(item)).toBe(false)
  })

  test('behavior: reactions and their fallbacks carry no words', () => {
    expect(keyword('🔥')(item)).toBe(false)
    expect(keyword('Reacted')(item)).toBe(false)
  })

  test('behavior: a reply matches on its text, not on its fallback wording', () => {
    expect(keyword('Replied with')(item)).toBe(false)
  })

  test('parameters: caseSensitive', () => {
    expect(keyword('Café', { caseSensitive: true })(item)).toBe(true)
    expect(keyword('café', { caseSensitive: true })(item)).toBe(false)
    expect(keyword('INVOICE', { caseSensitive: true })(item)).toBe(true)
  })

  test('behavior: composed and decomposed accents match (NFC)', () => {
    expect(keyword('Cafe\u0301')(item)).toBe(true)
    const decomposed = buildItem({ conversation, messages: [text(conversation, 1n, 'cafe\u0301 au lait')] })
    expect(keyword('caf\u00e9')(decomposed)).toBe(true)
  })

  test('behavior: an empty or blank keyword passes everything, even a conversation without messages', () => {
    expect(keyword('')(buildItem())).toBe(true)
    expect(keyword('   ')(buildItem())).toBe(true)
  })

  test('behavior: agrees with a plain lowercase includes over text messages (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), fc.string({ minLength: 1, maxLength: 4 }), (texts, needle) => {
        fc.pre(needle.trim() !== '')
        const messages = texts.map((t, i) => text(conversation, BigInt(i), t))
        const expected = texts.some((t) => t.normalize('NFC').toLowerCase().includes(needle.normalize('NFC').toLowerCase()))
        expect(keyword(needle)(buildItem({ conversation, messages }))).toBe(expected)
      }),
      { numRuns: 1000 },
    )
  })

  test('parameters: text must be a string', () => {
    expect(() => keyword(undefined as unknown as string)).toThrow(new TypeError('keyword: text must be a string.'))
  })
})

describe('peerIn', () => {
  test('default: matches peers case-insensitively', () => {
    const filter = peerIn([ALICE.toLowerCase(), BOB.toUpperCase().replace('0X', '0x')])
    expect(filter(buildItem({ peerAddress: ALICE }))).toBe(true)
    expect(filter(buildItem({ peerAddress: BOB }))).toBe(true)
    expect(filter(buildItem({ peerAddress: CAROL }))).toBe(false)
  })

  test('behavior: any iterable works; an empty one passes nothing', () => {
    expect(peerIn(new Set([CAROL]))(buildItem({ peerAddress: CAROL }))).toBe(true)
    expect(peerIn([])(buildItem({ peerAddress: CAROL }))).toBe(false)
  })

  test('parameters: addresses must be an iterable of strings', () => {
    expect(() => peerIn(ALICE as unknown as string[])).toThrow(TypeError)
    expect(() => peerIn([ALICE, 1 as unknown as string])).toThrow(new TypeError('peerIn: addresses must be an iterable of strings.'))
    expect(() => peerIn(undefined as unknown as string[])).toThrow(TypeError)
  })
})

describe('getMessageText', () => {
  test('default: text, text reply content, else fallback; nothing for receipts and reactions', () => {
    expect(getMessageText(text(conversation, 1n, 'hi'))).toBe('hi')
    expect(getMessageText(reply(conversation, 1n, 'ok'))).toBe('ok')
    expect(getMessageText(attachment(conversation, 1n, 'a.png'))).toContain('a.png')
    expect(getMessageText(undecodable(conversation, 1n, 'fallback words'))).toBe('fallback words')
    expect(getMessageText(undecodable(conversation, 1n, undefined))).toBeUndefined()
    expect(getMessageText(reaction(conversation, 1n, '👍'))).toBeUndefined()
    expect(getMessageText(readReceipt(conversation, 1n))).toBeUndefined()
  })
})

describe('isDisplayableMessage', () => {
  test('default: receipts, removed reactions and content-less messages without fallback are not displayable', () => {
    expect(isDisplayableMessage(text(conversation, 1n, 'hi'))).toBe(true)
    expect(isDisplayableMessage(text(conversation, 1n, ''))).toBe(true)
    expect(isDisplayableMessage(reaction(conversation, 1n, '👍'))).toBe(true)
    expect(isDisplayableMessage(attachment(conversation, 1n, 'a.png'))).toBe(true)
    expect(isDisplayableMessage(undecodable(conversation, 1n, 'fallback'))).toBe(true)
    expect(isDisplayableMessage(undecodable(conversation, 1n, undefined))).toBe(false)
    expect(isDisplayableMessage(reaction(conversation, 1n, '👍', 'removed'))).toBe(false)
    expect(isDisplayableMessage(readReceipt(conversation, 1n))).toBe(false)
  })
})
