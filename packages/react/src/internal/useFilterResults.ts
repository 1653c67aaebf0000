import { createStore, type InboxFilter, type InboxItem } from '@xmtp-kit/client'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useStore } from '../useStore.js'
import { shallowEqualObjects } from './shallowEqual.js'

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'

interface Evaluation<K extends string> {
  /** Per filter, per item: the answer, or a promise of it. */
  answers: Record<K, (boolean | Promise<boolean>)[]>
  error: Error | undefined
  async: boolean
}

function evaluate<K extends string>(items: readonly InboxItem[], filters: Readonly<Record<K, InboxFilter | undefined>>): Evaluation<K> {
  const answers = {} as Record<K, (boolean | Promise<boolean>)[]>
  let error: Error | undefined
  let async = false
  for (const name of Object.keys(filters) as K[]) {
    const filter = filters[name]
    answers[name] = items.map((item) => {
      if (!filter || error) return true
      try {
        const answer: unknown = filter(item)
        if (!isPromiseLike(answer)) return Boolean(answer)
        async = true
        return Promise.resolve(answer).then(Boolean)
      } catch (cause) {
        error = cause instanceof Error ? cause : new Error(String(cause))
        return false
      }
    })
  }
  return { answers, error, async }
}

interface Settled {
  /** Last answers known per filter and topic, shown while newer ones are awaited. */
  byTopic: Readonly<Record<string, ReadonlyMap<string, boolean>>>
  error: Error | undefined
  evaluation: object | undefined
}

export interface FilterResults<K extends string> {
  /** Per filter, per item: whether it passes. */
  passes: Record<K, readonly boolean[]>
  /** Some async filter has not answered yet (its last answer, or `false`, is shown meanwhile). */
  pending: boolean
  error: Error | undefined
}

/**
 * Runs inbox filters (sync or async) over items. Sync answers are ready in the same render; async ones are
 * awaited after it, the previous answer for each conversation showing meanwhile, so the list does not
 * flicker while a chain read runs. Filters are compared by reference: build them outside the component or
 * in `useMemo`, or an async filter runs again at each render.
 */
export function useFilterResults<K extends string>(items: readonly InboxItem[], filters: Readonly<Record<K, InboxFilter | undefined>>): FilterResults<K> {
  const stable = useRef(filters)
  if (!shallowEqualObjects(stable.current, filters)) stable.current = filters
  const current = stable.current
  const names = useMemo(() => Object.keys(current) as K[], [current])
  const evaluation = useMemo(() => evaluate(items, current), [items, current])
  const [settledStore] = useState(() => createStore<Settled>({ byTopic: {}, error: undefined, evaluation: undefined }))
  const settled = useStore(settledStore)

  useEffect(() => {
    if (!evaluation.async) return
    let cancelled = false
    void Promise.all(names.map((name) => Promise.all(evaluation.answers[name]))).then(
      (answers) => {
        if (cancelled) return
        settledStore.setState({
          byTopic: Object.fromEntries(names.map((name, n) => [name, new Map(answers[n]!.map((passes, i) => [items[i]!.conversation.topic, passes]))])),
          error: undefined,
          evaluation,
        })
      },
      (error: unknown) => {
        if (!cancelled) settledStore.setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)), evaluation }))
      },
    )
    return () => {
      cancelled = true
    }
  }, [evaluation, items, names, settledStore])

  return useMemo(() => {
    const done = settled.evaluation === evaluation
    const passes = {} as Record<K, readonly boolean[]>
    names.forEach((name) => {
      passes[name] = evaluation.answers[name].map((answer, i) => {
        if (typeof answer === 'boolean') return answer
        return settled.byTopic[name]?.get(items[i]!.conversation.topic) ?? false
      })
    })
    return { passes, pending: evaluation.async && !done, error: evaluation.error ?? (evaluation.async ? settled.error : undefined) }
  }, [evaluation, items, names, settled])
}
