import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { AbortError } from '@xmtp-kit/client'
import { and } from '../../../packages/client/src/filters/and.js'
import { applyInboxFilter } from '../../../packages/client/src/filters/applyInboxFilter.js'
import { consentIs } from '../../../packages/client/src/filters/consentIs.js'
import { countInboxViews } from '../../../packages/client/src/filters/countInboxViews.js'
import { hasReplied } from '../../../packages/client/src/filters/hasReplied.js'
import { inboxViews } from '../../../packages/client/src/filters/inboxViews.js'
import { not } from '../../../packages/client/src/filters/not.js'
import type { InboxConsentState, InboxFilter, InboxItem } from '../../../packages/client/src/filters/types.js'
import { buildConversation, buildItem, text } from './fixtures.js'

const consentArb = fc.constantFrom<InboxConsentState>('allowed', 'requested', 'denied')
const itemsArb = fc.array(consentArb, { maxLength: 30 }).map((consents) => consents.map((consent, i) => buildItem({ consent, unreadCount: i })))
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('inboxViews', () => {
  test('default: primary = allowed, requests = requested, blocked = denied; frozen', () => {
    expect(Object.keys(inboxViews)).toEqual(['primary', 'requests', 'blocked'])
    expect(inboxViews.primary(buildItem({ consent: 'allowed' }))).toBe(true)
    expect(inboxViews.requests(buildItem({ consent: 'requested' }))).toBe(true)
    expect(inboxViews.blocked(buildItem({ consent: 'denied' }))).toBe(true)
    expect(inboxViews.primary(buildItem({ consent: 'denied' }))).toBe(false)
    expect(Object.isFrozen(inboxViews)).toBe(true)
  })

  test('behavior: every item is in exactly one view (1,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb, async (items) => {
        const counts = await countInboxViews(items, inboxViews)
        expect(counts.primary + counts.requests + counts.blocked).toBe(items.length)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('applyInboxFilter', () => {
  test('default: keeps the passing items in their order, for sync and async filters alike (1,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb, fc.boolean(), fc.integer({ min: 1, max: 5 }), async (items, async, concurrency) => {
        const sync = consentIs('allowed')
        const filter: InboxFilter = async
          ? async (item) => {
              // Finish out of order, so order must come from the indexes.
              await new Promise((r) => setTimeout(r, (item.unreadCount! * 7) % 3))
              return sync(item)
            }
          : sync
        const result = await applyInboxFilter(items, filter, { concurrency })
        expect(result).toEqual(items.filter(sync))
        for (const item of result) expect(items).toContain(item)
      }),
      { numRuns: 1000 },
    )
  })

  test('default: nothing in, nothing out', async () => {
    expect(await applyInboxFilter([], () => true)).toEqual([])
  })

  test('parameters: concurrency bounds the evaluations in flight (default 8)', async () => {
    const items = Array.from({ length: 40 }, (_, i) => buildItem({ unreadCount: i }))
    for (const [concurrency, expected] of [[undefined, 8], [1, 1], [3, 3], [100, 40]] as const) {
      let inFlight = 0
      let peak = 0
      const filter = async () => {
        peak = Math.max(peak, ++inFlight)
        await tick()
        inFlight--
        return true
      }
      expect(await applyInboxFilter(items, filter, { concurrency })).toHaveLength(40)
      expect(peak).toBe(expected)
    }
  })

  test('parameters: concurrency must be a positive integer', async () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN, '2']) {
      await expect(applyInboxFilter([buildItem()], () => true, { concurrency: concurrency as number })).rejects.toThrow(
        new TypeError('applyInboxFilter: concurrency must be a positive integer.'),
      )
    }
  })

  test('parameters: signal aborts and stops starting evaluations', async () => {
    const items = Array.from({ length: 20 }, () => buildItem())
    const controller = new AbortController()
    let started = 0
    const filter = async () => {
      started++
      if (started === 2) controller.abort()
      await tick()
      return true
    }
    await expect(applyInboxFilter(items, filter, { concurrency: 2, signal: controller.signal })).rejects.toBeInstanceOf(AbortError)
    expect(started).toBeLessThanOrEqual(3)
  })

  test('behavior: rejects with the first filter error and starts no more evaluations', async () => {
    const items = Array.from({ length: 20 }, (_, i) => buildItem({ unreadCount: i }))
    let started = 0
    const filter = async (item: InboxItem) => {
      started++
      await tick()
      if (item.unreadCount === 1) throw new Error('bad item')
      return true
    }
    await expect(applyInboxFilter(items, filter, { concurrency: 2 })).rejects.toThrow('bad item')
    await tick()
    expect(started).toBeLessThan(20)
  })

  test('parameters: filter must be a function', async () => {
    await expect(applyInboxFilter([], 'x' as unknown as InboxFilter)).rejects.toThrow(TypeError)
  })
})

describe('countInboxViews', () => {
  test('default: counts each view, with custom and composed views', async () => {
    const conversation = buildConversation()
    const items = [
      buildItem({ consent: 'allowed' }),
      buildItem({ consent: 'allowed', conversation, messages: [text(conversation, 1n, 'hi', true)] }),
      buildItem({ consent: 'requested' }),
      buildItem({ consent: 'denied' }),
    ]
    const views = { ...inboxViews, needsAnswer: and(inboxViews.primary, not(hasReplied())), slow: async (item: InboxItem) => item.consent !== 'denied' }
    expect(await countInboxViews(items, views)).toEqual({ primary: 2, requests: 1, blocked: 1, needsAnswer: 1, slow: 3 })
  })

  test('behavior: agrees with applyInboxFilter per view (1,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb, async (items) => {
        const counts = await countInboxViews(items, inboxViews, { concurrency: 3 })
        for (const name of ['primary', 'requests', 'blocked'] as const) {
          expect(counts[name]).toBe((await applyInboxFilter(items, inboxViews[name])).length)
        }
      }),
      { numRuns: 1000 },
    )
  })

  test('default: no items gives zeros, no views gives {}', async () => {
    expect(await countInboxViews([], inboxViews)).toEqual({ primary: 0, requests: 0, blocked: 0 })
    expect(await countInboxViews([buildItem()], {})).toEqual({})
  })

  test('parameters: views must be filters', async () => {
    await expect(countInboxViews([buildItem()], { broken: 1 as unknown as InboxFilter })).rejects.toThrow(
      new TypeError('countInboxViews: views.broken: filters[0] must be a function.'),
    )
  })
})
