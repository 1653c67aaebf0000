import { createStore } from '@xmtp-kit/client'
import { useCallback, useRef, useState } from 'react'
import { useStore } from '../useStore.js'

export type ActionStatus = 'idle' | 'pending' | 'success' | 'error'

export interface ActionState<R> {
  status: ActionStatus
  data: R | undefined
  error: Error | undefined
}

const IDLE: ActionState<never> = Object.freeze({ status: 'idle', data: undefined, error: undefined })

/**
 * An async action's state in a per-component store: `run` never rejects (failures land in `error` and
 * resolve `undefined`), and a run started later wins over an earlier one still going.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [store] = useState(() => createStore<ActionState<R>>(IDLE))
  const state = useStore(store)
  const latest = useRef(action)
  latest.current = action
  const generation = useRef(0)
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      const id = ++generation.current
      store.setState((s) => ({ ...s, status: 'pending', error: undefined }))
      try {
        const data = await latest.current(...args)
        if (id === generation.current) store.setState({ status: 'success', data, error: undefined })
        return data
      } catch (error) {
        if (id === generation.current) store.setState((s) => ({ ...s, status: 'error', error: error as Error }))
        return undefined
      }
    },
    [store],
  )
  const reset = useCallback(() => {
    generation.current++
    store.setState(IDLE)
  }, [store])
  return { ...state, run, reset }
}
