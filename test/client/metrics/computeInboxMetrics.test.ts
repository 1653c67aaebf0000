import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { DecodedMessage } from '@xmtp-kit/client'
import { computeInboxMetrics } from '../../../packages/client/src/metrics/computeInboxMetrics.js'
import { ALICE, BOB, CAROL, ME, buildConversation, buildMessage, reaction, readReceipt, text } from '../filters/fixtures.js'

describe('computeInboxMetrics', () => {
  test('default: volumes, averages, replies, reply rate and per-peer breakdown', () => {
    const alice1 = buildConversation({ peerAddress: ALICE }) // Alice first, I answer
    const alice2 = buildConversation({ peerAddress: ALICE }) // another conversation id with Alice: I start
    const bob = buildConversation({ peerAddress: BOB }) // Bob writes, I never answer
    const carol = buildConversation({ peerAddress: CAROL }) // empty
    const messagesByTopic: Record<string, DecodedMessage[]> = {
      [alice1.topic]: [text(alice1, 10n, 'hi'), text(alice1, 20n, 'hello', true), text(alice1, 30n, 'how are you')],
      [alice2.topic]: [text(alice2, 40n, 'ping', true)],
      [bob.topic]: [text(bob, 5n, 'gm'), text(bob, 6n, 'gm?'), readReceipt(bob, 7n, true)],
    }
    const metrics = computeInboxMetrics({ conversations: [alice1, alice2, bob, carol], messagesByTopic, myAddress: ME })
    expect(metrics).toEqual({
      conversationCount: 4,
      messageCount: 6,
      sentCount: 2,
      receivedCount: 4,
      messagesPerConversation: { average: 1.5, median: 1.5 },
      conversationsWithReplies: 1,
      peerInitiatedCount: 2,
      peerInitiatedRepliedCount: 1,
      replyRate: 0.5,
      peers: [
        { peerAddress: ALICE, conversationCount: 2, sentCount: 2, receivedCount: 2, lastActivityNs: 40n },
        { peerAddress: BOB, conversationCount: 1, sentCount: 0, receivedCount: 2, lastActivityNs: 6n },
        { peerAddress: CAROL, conversationCount: 1, sentCount: 0, receivedCount: 0, lastActivityNs: undefined },
      ],
    })
  })

  test('default: an empty inbox', () => {
    expect(computeInboxMetrics({ conversations: [], messagesByTopic: {}, myAddress: ME })).toEqual({
      conversationCount: 0,
      messageCount: 0,
      sentCount: 0,
      receivedCount: 0,
      messagesPerConversation: { average: 0, median: 0 },
      conversationsWithReplies: 0,
      peerInitiatedCount: 0,
      peerInitiatedRepliedCount: 0,
      replyRate: undefined,
      peers: [],
    })
  })

  test('behavior: who wrote first is by sentNs, not list order; read receipts and removed reactions are ignored', () => {
    const conversation = buildConversation()
    const messages = [text(conversation, 20n, 'mine', true), text(conversation, 10n, 'theirs'), readReceipt(conversation, 1n, true), reaction(conversation, 2n, 'x', 'removed', true)]
    const metrics = computeInboxMetrics({ conversations: [conversation], messagesByTopic: { [conversation.topic]: messages }, myAddress: ME })
    expect(metrics.peerInitiatedCount).toBe(1)
    expect(metrics.replyRate).toBe(1)
    expect(metrics.messageCount).toBe(2)
  })

  test('behavior: my messages are recognized by fromMe or by my address in any case; duplicates by id count once', () => {
    const conversation = buildConversation()
    const fromOtherApp = buildMessage({ conversation, sentNs: 2n, content: 'x', senderAddress: ME.toLowerCase() })
    const first = text(conversation, 1n, 'hi')
    const metrics = computeInboxMetrics({
      conversations: [conversation, conversation],
      messagesByTopic: new Map([[conversation.topic, [first, first, fromOtherApp]]]),
      myAddress: ME.toUpperCase().replace('0X', '0x'),
    })
    expect(metrics).toMatchObject({ conversationCount: 1, messageCount: 2, sentCount: 1, receivedCount: 1, conversationsWithReplies: 1, replyRate: 1 })
  })

  test('behavior: topics without a listed conversation are ignored', () => {
    const conversation = buildConversation()
    const stray = buildConversation()
    const metrics = computeInboxMetrics({ conversations: [conversation], messagesByTopic: { [stray.topic]: [text(stray, 1n, 'x')] }, myAddress: ME })
    expect(metrics.messageCount).toBe(0)
  })

  test('behavior: invariants over random inboxes (1,000 cases)', () => {
    const threadArb = fc.array(fc.record({ sentNs: fc.bigInt({ min: 0n, max: 100n }), fromMe: fc.boolean() }), { maxLength: 8 })
    const peersArb = fc.constantFrom(ALICE, BOB, CAROL)
    fc.assert(
      fc.property(fc.array(fc.tuple(peersArb, threadArb), { maxLength: 8 }), (specs) => {
        const conversations = specs.map(([peerAddress]) => buildConversation({ peerAddress }))
        const messagesByTopic = Object.fromEntries(
          specs.map(([, thread], i) => [conversations[i]!.topic, thread.map((m) => text(conversations[i]!, m.sentNs, 'x', m.fromMe))]),
        )
        const metrics = computeInboxMetrics({ conversations, messagesByTopic, myAddress: ME })
        const counts = specs.map(([, thread]) => thread.length).sort((a, b) => a - b)
        expect(metrics.conversationCount).toBe(specs.length)
        expect(metrics.messageCount).toBe(counts.reduce((a, b) => a + b, 0))
        expect(metrics.sentCount + metrics.receivedCount).toBe(metrics.messageCount)
        expect(metrics.peers.reduce((a, p) => a + p.sentCount, 0)).toBe(metrics.sentCount)
        expect(metrics.peers.reduce((a, p) => a + p.receivedCount, 0)).toBe(metrics.receivedCount)
        expect(metrics.peers.reduce((a, p) => a + p.conversationCount, 0)).toBe(metrics.conversationCount)
        expect(metrics.messagesPerConversation.median).toBeGreaterThanOrEqual(counts[0] ?? 0)
        expect(metrics.messagesPerConversation.median).toBeLessThanOrEqual(counts.at(-1) ?? 0)
        expect(metrics.peerInitiatedRepliedCount).toBeLessThanOrEqual(metrics.peerInitiatedCount)
        expect(metrics.peerInitiatedRepliedCount).toBeLessThanOrEqual(metrics.conversationsWithReplies)
        expect(metrics.conversationsWithReplies).toBe(specs.filter(([, t]) => t.some((m) => m.fromMe) && t.some((m) => !m.fromMe)).length)
        if (metrics.replyRate !== undefined) expect(metrics.replyRate >= 0 && metrics.replyRate <= 1).toBe(true)
        else expect(metrics.peerInitiatedCount).toBe(0)
        const active = metrics.peers.filter((p) => p.lastActivityNs !== undefined).map((p) => p.lastActivityNs!)
        for (let i = 1; i < active.length; i++) expect(active[i - 1]! >= active[i]!).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  test('parameters: myAddress must be a string', () => {
    expect(() => computeInboxMetrics({ conversations: [], messagesByTopic: {}, myAddress: undefined as unknown as string })).toThrow(TypeError)
  })
})
