import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { getLastActivityNs } from '../../../packages/client/src/filters/getLastActivityNs.js'
import { sortByLastActivity } from '../../../packages/client/src/filters/sortByLastActivity.js'
import { buildConversation, buildItem, readReceipt, reaction, text } from './fixtures.js'

describe('getLastActivityNs', () => {
  test('default: newest displayable message, in any order', () => {
    const conversation = buildConversation({ createdNs: 5n })
    const messages = [text(conversation, 30n, 'b'), text(conversation, 10n, 'a'), text(conversation, 20n, 'c')]
    expect(getLastActivityNs(buildItem({ conversation, messages }))).toBe(30n)
  })

  test('behavior: read receipts and removed reactions do not count; without messages, the creation time', () => {
    const conversation = buildConversation({ createdNs: 5n })
    const messages = [text(conversation, 10n, 'a'), readReceipt(conversation, 50n), reaction(conversation, 60n, 'x', 'removed')]
    expect(getLastActivityNs(buildItem({ conversation, messages }))).toBe(10n)
    expect(getLastActivityNs(buildItem({ conversation, messages: [readReceipt(conversation, 50n)] }))).toBe(5n)
  })
})

describe('sortByLastActivity', () => {
  const item = (createdNs: bigint, ...sent: bigint[]) => {
    const conversation = buildConversation({ createdNs })
    return buildItem({ conversation, messages: sent.map((ns) => text(conversation, ns, 'x')) })
  }

  test('default: most recent first, a copy', () => {
    const items = [item(1n, 10n), item(2n, 30n), item(50n), item(3n, 20n, 5n)]
    const sorted = sortByLastActivity(items)
    expect(sorted.map(getLastActivityNs)).toEqual([50n, 30n, 20n, 10n])
    expect(items.map(getLastActivityNs)).toEqual([10n, 30n, 50n, 20n])
  })

  test('parameters: direction', () => {
    const items = [item(1n, 10n), item(2n, 30n), item(3n, 20n)]
    expect(sortByLastActivity(items, { direction: 'ascending' }).map(getLastActivityNs)).toEqual([10n, 20n, 30n])
    expect(() => sortByLastActivity(items, { direction: 'up' as 'ascending' })).toThrow(TypeError)
  })

  test('behavior: sorted, a permutation, and stable on ties (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 5n }), { maxLength: 20 }), (times) => {
        const items = times.map((t) => item(t))
        const sorted = sortByLastActivity(items)
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [getLastActivityNs(sorted[i - 1]!), getLastActivityNs(sorted[i]!)]
          expect(a >= b).toBe(true)
          if (a === b) expect(items.indexOf(sorted[i - 1]!)).toBeLessThan(items.indexOf(sorted[i]!))
        }
        expect(new Set(sorted)).toEqual(new Set(items))
        expect(sorted).toHaveLength(items.length)
      }),
      { numRuns: 1000 },
    )
  })
})
