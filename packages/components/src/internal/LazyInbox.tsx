import { lazy, Suspense } from 'react'
import type { InboxProps } from '../Inbox/Inbox.js'

// The inbox (list, thread, composer, virtualizer) is most of what a dialog weighs: a page with only a
// "Message" button loads it when a dialog first opens, not with the page.
const Inbox = lazy(() => import('../Inbox/Inbox.js').then((module) => ({ default: module.Inbox })))

/** The `Inbox`, loaded on first render; `loading` shows until its code has arrived. */
export function LazyInbox({ loading, ...props }: InboxProps & { loading: string }) {
  return (
    <Suspense
      fallback={
        <p className="xk-dialog__loading" role="status">
          {loading}
        </p>
      }
    >
      <Inbox {...props} />
    </Suspense>
  )
}
