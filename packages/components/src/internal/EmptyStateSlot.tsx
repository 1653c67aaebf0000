import type { EmptyStateProps } from '../UIProvider/UIProvider.js'
import { useUI } from '../UIProvider/UIProvider.js'

/** The provider's `EmptyState` slot when there is one, else the text in a paragraph with `className`. */
export function EmptyStateSlot({ kind, text, className }: EmptyStateProps & { className: string }) {
  const Custom = useUI().components.EmptyState
  if (Custom) return <Custom kind={kind} text={text} />
  return <p className={className}>{text}</p>
}
