import { act, render } from '@testing-library/react'
import { createStore } from '@xmtp-kit/client'
import { useStore } from '@xmtp-kit/react'
import { describe, expect, test } from 'vitest'

describe('useStore', () => {
  test('default: renders the snapshot and follows changes', () => {
    const store = createStore({ count: 0, other: 'a' })
    let renders = 0
    function Counter() {
      renders++
      return <p>{useStore(store).count}</p>
    }
    const { container } = render(<Counter />)
    expect(container.textContent).toBe('0')
    act(() => store.setState((s) => ({ ...s, count: 1 })))
    expect(container.textContent).toBe('1')
    expect(renders).toBe(2)
  })

  test('parameters: selector re-renders only when the selected part changes', () => {
    const store = createStore({ count: 0, other: 'a' })
    let renders = 0
    function Count() {
      renders++
      return <p>{useStore(store, (s) => s.count)}</p>
    }
    const { container } = render(<Count />)
    act(() => store.setState((s) => ({ ...s, other: 'b' })))
    expect(renders).toBe(1)
    act(() => store.setState((s) => ({ ...s, count: 2 })))
    expect(container.textContent).toBe('2')
    expect(renders).toBe(2)
  })

  test('parameters: isEqual keeps a derived value (and skips renders) while equal', () => {
    const store = createStore({ items: [1, 2, 3], other: 0 })
    const seen: number[][] = []
    function Evens() {
      const evens = useStore(
        store,
        (s) => s.items.filter((n) => n % 2 === 0),
        (a, b) => a.length === b.length && a.every((n, i) => n === b[i]),
      )
      seen.push(evens)
      return null
    }
    render(<Evens />)
    act(() => store.setState((s) => ({ ...s, items: [1, 2, 3, 5] })))
    act(() => store.setState((s) => ({ ...s, items: [2, 4] })))
    expect(seen).toHaveLength(2)
    expect(seen[1]).toEqual([2, 4])
  })
})
