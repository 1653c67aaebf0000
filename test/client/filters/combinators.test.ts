import fc from 'fast-check'
import { describe, expect, expectTypeOf, test, vi } from 'vitest'
import { and } from '../../../packages/client/src/filters/and.js'
import { consentIs } from '../../../packages/client/src/filters/consentIs.js'
import { custom } from '../../../packages/client/src/filters/custom.js'
import { hasReplied } from '../../../packages/client/src/filters/hasReplied.js'
import { holdsToken } from '../../../packages/client/src/filters/holdsToken.js'
import { not } from '../../../packages/client/src/filters/not.js'
import { or } from '../../../packages/client/src/filters/or.js'
import type { AsyncInboxFilter, InboxFilter, InboxItem, SyncInboxFilter } from '../../../packages/client/src/filters/types.js'
import { buildItem } from './fixtures.js'

const RUNS = { numRuns: 1000 }
const ITEMS = 6
/** Items told apart by `unreadCount` (0…5), so a filter can be a truth table over them. */
const items: InboxItem[] = Array.from({ length: ITEMS }, (_, i) => buildItem({ unreadCount: i }))

interface FilterSpec {
  table: boolean[]
  async: boolean
}
const specArb: fc.Arbitrary<FilterSpec> = fc.record({
  table: fc.array(fc.boolean(), { minLength: ITEMS, maxLength: ITEMS }),
  async: fc.boolean(),
})
const toFilter = ({ table, async }: FilterSpec): InboxFilter => {
  const answer = (item: InboxItem) => table[item.unreadCount!]!
  return async ? async (item) => answer(item) : answer
}
const truth = (spec: FilterSpec, item: InboxItem) => spec.table[item.unreadCount!]!
const itemArb = fc.integer({ min: 0, max: ITEMS - 1 }).map((i) => items[i]!)
const isPromise = (value: unknown) => value instanceof Promise

/** Two filters agree on an item (awaiting either side as needed). */
async function same(a: InboxFilter, b: InboxFilter, item: InboxItem) {
  expect(await a(item)).toBe(await b(item))
}

describe('and / or / not laws (fast-check, mixed sync and async filters)', () => {
  test('behavior: not(not(f)) ≡ f', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, itemArb, async (spec, item) => {
        await same(not(not(toFilter(spec))), toFilter(spec), item)
      }),
      RUNS,
    )
  })

  test('behavior: De Morgan: not(and(f, g)) ≡ or(not(f), not(g)) and not(or(f, g)) ≡ and(not(f), not(g))', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, specArb, itemArb, async (f, g, item) => {
        const [F, G] = [toFilter(f), toFilter(g)]
        await same(not(and(F, G)), or(not(F), not(G)), item)
        await same(not(or(F, G)), and(not(F), not(G)), item)
      }),
      RUNS,
    )
  })

  test('behavior: and(...fs) is every, or(...fs) is some, for 0 to 6 filters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { maxLength: 6 }), itemArb, async (specs, item) => {
        const filters = specs.map(toFilter)
        expect(await and(...filters)(item)).toBe(specs.every((s) => truth(s, item)))
        expect(await or(...filters)(item)).toBe(specs.some((s) => truth(s, item)))
      }),
      RUNS,
    )
  })

  test('behavior: associativity, commutativity and identities', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, specArb, specArb, itemArb, async (f, g, h, item) => {
        const [F, G, H] = [toFilter(f), toFilter(g), toFilter(h)]
        await same(and(F, and(G, H)), and(and(F, G), H), item)
        await same(or(F, or(G, H)), or(or(F, G), H), item)
        await same(and(F, G), and(G, F), item)
        await same(or(F, G), or(G, F), item)
        await same(and(F, and()), F, item)
        await same(or(F, or()), F, item)
        await same(and(F), F, item)
        await same(or(F), F, item)
        // Absorption and distribution.
        await same(and(F, or(F, G)), F, item)
        await same(and(F, or(G, H)), or(and(F, G), and(F, H)), item)
      }),
      RUNS,
    )
  })

  test('behavior: all-sync inputs give a boolean, never a promise; an async input may give a promise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { maxLength: 5 }), itemArb, async (specs, item) => {
        const filters = specs.map(toFilter)
        const allSync = specs.every((s) => !s.async)
        for (const combined of [and(...filters), or(...filters), not(and(...filters)), not(or(...filters))]) {
          const result = combined(item)
          if (allSync) expect(typeof result).toBe('boolean')
          else expect(typeof result === 'boolean' || isPromise(result)).toBe(true)
        }
      }),
      RUNS,
    )
  })

  test('behavior: filters run in order and stop at the first decisive answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { maxLength: 6 }), itemArb, fc.boolean(), async (specs, item, useAnd) => {
        const calls: number[] = []
        const filters = specs.map((spec, i) => {
          const filter = toFilter(spec)
          return (x: InboxItem) => {
            calls.push(i)
            return filter(x)
          }
        })
        await (useAnd ? and(...filters) : or(...filters))(item)
        const decisive = useAnd ? false : true
        const stop = specs.findIndex((s) => truth(s, item) === decisive)
        const expected = stop === -1 ? specs.map((_, i) => i) : specs.slice(0, stop + 1).map((_, i) => i)
        expect(calls).toEqual(expected)
      }),
      RUNS,
    )
  })
})

describe('and', () => {
  test('default: and() of nothing passes everything, synchronously', () => {
    for (const item of items) expect(and()(item)).toBe(true)
  })

  test('behavior: an async filter after a failing sync filter is never called', async () => {
    const slow = vi.fn(async () => true)
    expect(and(() => false, slow)(items[0]!)).toBe(false)
    expect(slow).not.toHaveBeenCalled()
  })

  test('behavior: a rejecting filter rejects; a throwing sync filter throws', async () => {
    await expect(and(() => true, async () => Promise.reject(new Error('boom')))(items[0]!)).rejects.toThrow('boom')
    expect(() =>
      and(() => {
        throw new Error('sync boom')
      })(items[0]!),
    ).toThrow('sync boom')
  })

  test('behavior: later changes to the argument array do not change the filter', () => {
    const filters: SyncInboxFilter[] = [() => true]
    const combined = and(...filters)
    filters.push(() => false)
    expect(combined(items[0]!)).toBe(true)
  })

  test('parameters: filters must be functions', () => {
    expect(() => and(() => true, 'x' as unknown as SyncInboxFilter)).toThrow(new TypeError('and: filters[1] must be a function.'))
  })
})

describe('or', () => {
  test('default: or() of nothing passes nothing, synchronously', () => {
    for (const item of items) expect(or()(item)).toBe(false)
  })

  test('behavior: an async filter after a passing sync filter is never called', () => {
    const slow = vi.fn(async () => false)
    expect(or(() => true, slow)(items[0]!)).toBe(true)
    expect(slow).not.toHaveBeenCalled()
  })

  test('parameters: filters must be functions', () => {
    expect(() => or(null as unknown as SyncInboxFilter)).toThrow(new TypeError('or: filters[0] must be a function.'))
  })
})

describe('not', () => {
  test('default: negates sync filters synchronously and async filters asynchronously', async () => {
    expect(not(() => true)(items[0]!)).toBe(false)
    const negated = not(async () => true)(items[0]!)
    expect(negated).toBeInstanceOf(Promise)
    expect(await negated).toBe(false)
  })

  test('parameters: filter must be a function', () => {
    expect(() => not(undefined as unknown as SyncInboxFilter)).toThrow(new TypeError('not: filters[0] must be a function.'))
  })
})

describe('custom', () => {
  test('default: returns the function itself', () => {
    const fn = (item: InboxItem) => item.consent === 'allowed'
    expect(custom(fn)).toBe(fn)
  })

  test('parameters: fn must be a function', () => {
    expect(() => custom(42 as unknown as SyncInboxFilter)).toThrow(TypeError)
  })
})

describe('types', () => {
  test('behavior: sync in, sync out; async in, promise possible out', () => {
    const holders = holdsToken({ token: `0x${'1'.repeat(40)}`, balanceOf: async () => 1n })
    expectTypeOf(and(consentIs('allowed'), hasReplied())).toEqualTypeOf<SyncInboxFilter>()
    expectTypeOf(or(consentIs('allowed'), not(hasReplied()))).toEqualTypeOf<SyncInboxFilter>()
    expectTypeOf(and()).toEqualTypeOf<SyncInboxFilter>()
    expectTypeOf(and(consentIs('allowed'), holders)).toEqualTypeOf<InboxFilter>()
    expectTypeOf(or(holders, hasReplied())).toEqualTypeOf<InboxFilter>()
    expectTypeOf(not(holders)).toEqualTypeOf<AsyncInboxFilter>()
    expectTypeOf(not(consentIs('denied'))(items[0]!)).toEqualTypeOf<boolean>()
  })

  test('behavior: filters over an extended item combine with the built-ins', () => {
    interface PinnedItem extends InboxItem {
      pinned: boolean
    }
    const pinned = custom((item: PinnedItem) => item.pinned)
    const combined = and(consentIs('allowed'), pinned)
    expectTypeOf(combined).toEqualTypeOf<SyncInboxFilter<PinnedItem>>()
    expect(combined({ ...items[0]!, pinned: true })).toBe(true)
    expect(combined({ ...items[0]!, pinned: false })).toBe(false)
  })
})
