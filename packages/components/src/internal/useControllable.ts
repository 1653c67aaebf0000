import { useCallback, useRef, useState } from 'react'

/**
 * State that a parent may control: with `value` given (not `undefined`) the parent owns it and `setValue` only
 * calls `onChange`; without, it starts at `defaultValue` and lives here. The `open` / `defaultOpen` /
 * `onOpenChange` pattern of Radix.
 */
export function useControllable<T>(value: T | undefined, defaultValue: T, onChange: ((value: T) => void) | undefined): [T, (next: T) => void] {
  const [own, setOwn] = useState(defaultValue)
  const controlled = value !== undefined
  const current = controlled ? value : own
  const latest = useRef({ current, controlled, onChange })
  latest.current = { current, controlled, onChange }
  const setValue = useCallback((next: T) => {
    const { current: previous, controlled: isControlled, onChange: notify } = latest.current
    if (!isControlled) setOwn(next)
    if (!Object.is(next, previous)) notify?.(next)
  }, [])
  return [current, setValue]
}
