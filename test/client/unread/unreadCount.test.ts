import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { getTotalUnreadCount } from '../../../packages/client/src/unread/getTotalUnreadCount.js'
import { getUnreadCount } from '../../../packages/client/src/unread/getUnreadCount.js'
import { getLastReadNs } from '../../../packages/client/src/unread/getLastReadNs.js'
import { getPeerReadNs } from '../../../packages/client/src/unread/getPeerReadNs.js'
import type { UnreadState } from '../../../packages/client/src/unread/types.js'
import { attachment, buildConversation, reaction, readReceipt, reply, text, undecodable } from '../filters/fixtures.js'

const state = (lastReadNs: Record<string, bigint> = {}, peerReadNs: Record<string, bigint> = {}): UnreadState => ({ lastReadNs, peerReadNs })

describe('getUnreadCount', () => {
  const conversation = buildConversation()
  const messages = [
    text(conversation, 10n, 'a'),
    text(conversation, 20n, 'mine', true),
    reply(conversation, 30n, 'b'),
    readReceipt(conversation, 35n),
    reaction(conversation, 40n, '👍'),
    reaction(conversation, 45n, '👍', 'removed'),
    attachment(conversation, 50n, 'x.png'),
    undecodable(conversation, 60n, undefined),
    undecodable(conversation, 70n, 'poll'),
  ]

  test('default: never marked, every displayable message from the peer is unread', () => {
    expect(getUnreadCount(state(), { conversation, messages })).toBe(5)
  })

  test('behavior: only messages sent strictly after the marker count', () => {
    const { topic } = conversation
    expect(getUnreadCount(state({ [topic]: 10n }), { conversation, messages })).toBe(4)
    expect(getUnreadCount(state({ [topic]: 39n }), { conversation, messages })).toBe(3)
    expect(getUnreadCount(state({ [topic]: 70n }), { conversation, messages })).toBe(0)
    expect(getUnreadCount(state({ [topic]: 0n }), { conversation, messages })).toBe(5)
  })

  test('behavior: my messages, read receipts, removed reactions and messages with nothing to show never count', () => {
    const noise = [text(conversation, 90n, 'mine', true), readReceipt(conversation, 91n), reaction(conversation, 92n, 'x', 'removed'), undecodable(conversation, 93n, undefined)]
    expect(getUnreadCount(state(), { conversation, messages: noise })).toBe(0)
  })

  test('parameters: conversation as a topic; messages of other topics are ignored', () => {
    const other = buildConversation()
    const mixed = [...messages, text(other, 100n, 'elsewhere')]
    expect(getUnreadCount(state(), { conversation: conversation.topic, messages: mixed })).toBe(5)
    expect(() => getUnreadCount(state(), { conversation: '' , messages })).toThrow(TypeError)
  })

  test('behavior: equals a direct count over random threads and markers, order-independent (1,000 cases)', () => {
    const messageArb = fc.record({ sentNs: fc.bigInt({ min: 0n, max: 50n }), fromMe: fc.boolean(), kind: fc.constantFrom('text', 'receipt', 'removed') })
    fc.assert(
      fc.property(fc.array(messageArb, { maxLength: 25 }), fc.option(fc.bigInt({ min: 0n, max: 50n }), { nil: undefined }), (specs, marker) => {
        const thread = specs.map(({ sentNs, fromMe, kind }) =>
          kind === 'text' ? text(conversation, sentNs, 'x', fromMe) : kind === 'receipt' ? readReceipt(conversation, sentNs, fromMe) : reaction(conversation, sentNs, 'x', 'removed', fromMe),
        )
        const expected = specs.filter((s) => s.kind === 'text' && !s.fromMe && (marker === undefined || s.sentNs > marker)).length
        const current = state(marker === undefined ? {} : { [conversation.topic]: marker })
        expect(getUnreadCount(current, { conversation, messages: thread })).toBe(expected)
        expect(getUnreadCount(current, { conversation, messages: [...thread].reverse() })).toBe(expected)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('getTotalUnreadCount', () => {
  test('default: sums over topics, from an object or a Map', () => {
    const [a, b, c] = [buildConversation(), buildConversation(), buildConversation()]
    const messagesByTopic = {
      [a.topic]: [text(a, 1n, 'x'), text(a, 2n, 'y')],
      [b.topic]: [text(b, 1n, 'x'), text(b, 5n, 'y', true)],
      [c.topic]: [],
    }
    const current = state({ [a.topic]: 1n })
    expect(getTotalUnreadCount(current, { messagesByTopic })).toBe(2)
    expect(getTotalUnreadCount(current, { messagesByTopic: new Map(Object.entries(messagesByTopic)) })).toBe(2)
    expect(getTotalUnreadCount(current, { messagesByTopic: {} })).toBe(0)
  })
})

describe('getLastReadNs / getPeerReadNs', () => {
  test('default: the marker of the topic, undefined when none (own properties only)', () => {
    const conversation = buildConversation()
    const current = state({ [conversation.topic]: 5n }, { [conversation.topic]: 3n })
    expect(getLastReadNs(current, conversation)).toBe(5n)
    expect(getPeerReadNs(current, conversation.topic)).toBe(3n)
    expect(getLastReadNs(current, buildConversation())).toBeUndefined()
    expect(getPeerReadNs(current, 'toString')).toBeUndefined()
    expect(getLastReadNs(current, '__proto__')).toBeUndefined()
  })
})
