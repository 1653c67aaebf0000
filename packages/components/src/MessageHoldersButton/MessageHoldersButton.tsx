import * as Dialog from '@radix-ui/react-dialog'
import type { BroadcastProgress, BroadcastReport } from '@xmtp-kit/client'
import { useClient } from '@xmtp-kit/react'
import { type ComponentPropsWithoutRef, type ReactNode, forwardRef, useEffect, useId, useState } from 'react'
import { shortAddress } from '../internal/format.js'
import type { Labels } from '../labels.js'
import { type Theme, useUI } from '../UIProvider/UIProvider.js'
import { type HoldersList, type HoldersPhase, type HoldersState, type HoldersToken, useHoldersBroadcast } from './useHoldersBroadcast.js'

/** Where the dialog is portalled: an element, or a shadow root. Default `document.body`. */
type Container = Element | DocumentFragment | null

interface MessageHoldersButtonBaseProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children' | 'onProgress'> {
  /** Whether the dialog is open (controlled). Use with `onOpenChange`. */
  open?: boolean | undefined
  /** Whether the dialog is open at first (uncontrolled). Default `false`. */
  defaultOpen?: boolean | undefined
  /** Told when the dialog asks to open or close (trigger, close button, Escape, a click outside). */
  onOpenChange?: ((open: boolean) => void) | undefined
  /**
   * Use the only child as the trigger (Radix `asChild`): it gets the click handler, the ARIA attributes and the
   * `ref`, and takes the focus back when the dialog closes.
   */
  asChild?: boolean | undefined
  /** The trigger's content. Default: the `messageHolders` label ("Message holders"). */
  children?: ReactNode
  /** Recipients whose conversation is started and message sent at once. Default 4. */
  concurrency?: number | undefined
  /** Addresses per `canMessage` request of the reach check. Default 50. */
  batchSize?: number | undefined
  /** Told of every change of the send's counts. */
  onProgress?: ((progress: BroadcastProgress) => void) | undefined
  /** Told when a send (or a retry) ends, with everything sent so far. */
  onReport?: ((report: BroadcastReport) => void) | undefined
  /** The theme of the trigger and the dialog. */
  theme?: Theme | undefined
  labels?: Partial<Labels> | undefined
  /** Where the dialog is portalled (e.g. a shadow root). Default `document.body`. */
  container?: Container | undefined
}

export type MessageHoldersButtonProps = MessageHoldersButtonBaseProps &
  (
    | {
        /** The holders: addresses (or objects with an `address`), or an async function returning them (given an `AbortSignal`). */
        holders: HoldersList | ((signal: AbortSignal) => Promise<HoldersList>)
        token?: undefined
      }
    | {
        /** A token whose current holders are read from its `Transfer` logs through your chain reader (`getTokenHolders`). */
        token: HoldersToken
        holders?: undefined
      }
  )

/**
 * A button for dapp teams that reaches every holder of their token (or any list of wallets) on XMTP. It opens a
 * dialog that reads the holders, checks who is on XMTP (in batches), lets the team write one message, sends it to
 * each reachable holder in their own conversation with a progress bar and a cancel button, and ends with a report
 * (reached / not on XMTP yet / failed) whose failures can be retried. The trigger takes `className`, `style`, any
 * other `button` props and the `ref`. Must be inside an `XMTPProvider` with the team's wallet connected.
 *
 * @example
 * const publicClient = usePublicClient()
 * <MessageHoldersButton token={{ address: '0x…', kind: 'erc721', client: publicClient, fromBlock: 19_000_000n }} />
 *
 * @example
 * // A list, a custom trigger, and a controlled dialog
 * <MessageHoldersButton holders={allowlist} open={open} onOpenChange={setOpen} asChild>
 *   <button type="button" className="cta">Announce the mint</button>
 * </MessageHoldersButton>
 */
export const MessageHoldersButton = forwardRef<HTMLButtonElement, MessageHoldersButtonProps>(function MessageHoldersButton(
  {
    holders,
    token,
    open: openProp,
    defaultOpen,
    onOpenChange,
    asChild,
    children,
    concurrency,
    batchSize,
    onProgress,
    onReport,
    theme: themeProp,
    labels: labelOverrides,
    container,
    className,
    ...rest
  },
  ref,
) {
  const { labels, theme } = useUI(labelOverrides, themeProp)
  const { client } = useClient()
  const flow = useHoldersBroadcast({
    client,
    source: token ? { token } : { holders: holders ?? [] },
    concurrency,
    batchSize,
    onProgress,
    onReport,
  })
  const [uncontrolledOpen, setUncontrolledOpen] = useState(defaultOpen ?? false)
  const open = openProp ?? uncontrolledOpen
  const [draft, setDraft] = useState('')

  const { phase } = flow.state
  const { load, reset } = flow
  // Opening reads the holders afresh; closing forgets them, except a send in progress, which goes on.
  useEffect(() => {
    if (open && client && phase === 'idle') void load()
  }, [open, client, phase, load])

  const changeOpen = (next: boolean) => {
    if (openProp === undefined) setUncontrolledOpen(next)
    if (!next) {
      reset()
      if (phase === 'report') setDraft('')
    }
    onOpenChange?.(next)
  }

  return (
    <span className="xk-root xk-holders-button" data-theme={theme}>
      <Dialog.Root open={open} onOpenChange={changeOpen}>
        <Dialog.Trigger
          ref={ref}
          asChild={asChild}
          className={asChild ? className : ['xk-holders-button__button', className].filter(Boolean).join(' ')}
          data-phase={phase}
          {...rest}
        >
          {asChild ? children : (children ?? labels.messageHolders)}
        </Dialog.Trigger>
        <Dialog.Portal container={container ?? undefined}>
          <Dialog.Overlay className="xk-root xk-dialog__overlay" data-theme={theme} />
          <Dialog.Content className="xk-root xk-dialog xk-dialog--compact xk-holders-dialog" data-theme={theme} data-phase={client ? phase : 'disconnected'} aria-describedby={undefined}>
            <div className="xk-holders-dialog__header">
              <Dialog.Title className="xk-holders-dialog__title">{labels.messageHolders}</Dialog.Title>
              <Dialog.Close className="xk-dialog__close" aria-label={labels.close}>
                <span aria-hidden="true">×</span>
              </Dialog.Close>
            </div>
            <div className="xk-holders-dialog__body">
              {client ? (
                <HoldersBody state={flow.state} labels={labels} draft={draft} setDraft={setDraft} flow={flow} />
              ) : (
                <p className="xk-holders-dialog__status">{labels.holdersConnect}</p>
              )}
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </span>
  )
})

interface HoldersBodyProps {
  state: HoldersState
  labels: Labels
  draft: string
  setDraft: (draft: string) => void
  flow: Pick<ReturnType<typeof useHoldersBroadcast>, 'tryAgain' | 'send' | 'retry' | 'cancel'>
}

const BUSY: ReadonlySet<HoldersPhase> = new Set(['idle', 'loading', 'checking'])

function HoldersBody({ state, labels, draft, setDraft, flow }: HoldersBodyProps) {
  const messageId = useId()
  const { phase, reach, report } = state

  if (BUSY.has(phase)) {
    return (
      <p className="xk-holders-dialog__status" role="status" aria-busy="true">
        {phase === 'checking' ? labels.holdersChecking : labels.holdersLoading}
      </p>
    )
  }

  if (phase === 'error') {
    return (
      <div className="xk-holders-dialog__error">
        <p role="alert">{state.failedStep === 'check' ? labels.holdersCheckFailed : labels.holdersLoadFailed}</p>
        <button type="button" className="xk-holders-dialog__secondary" onClick={flow.tryAgain}>
          {labels.holdersTryAgain}
        </button>
      </div>
    )
  }

  if (phase === 'sending') {
    const done = (state.progress?.sent ?? 0) + (state.progress?.failed ?? 0)
    const total = Math.max(state.sending, done)
    return (
      <div className="xk-holders-dialog__sending">
        <div
          className="xk-holders-dialog__progress"
          role="progressbar"
          aria-label={labels.holdersSendProgress}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          aria-valuetext={labels.holdersProgress(state.progress?.sent ?? 0, total)}
        >
          <div className="xk-holders-dialog__progress-bar" style={{ width: total > 0 ? `${(100 * done) / total}%` : '0%' }} />
        </div>
        <p className="xk-holders-dialog__status">{labels.holdersProgress(state.progress?.sent ?? 0, total)}</p>
        <div className="xk-holders-dialog__actions">
          <button type="button" className="xk-holders-dialog__secondary" onClick={flow.cancel} disabled={state.cancelling}>
            {state.cancelling ? labels.holdersCancelling : labels.holdersCancel}
          </button>
        </div>
      </div>
    )
  }

  if (phase === 'report' && report) {
    const failed = report.failed.length
    const cancelled = report.cancelled.length
    const rest = failed + cancelled
    return (
      <div className="xk-holders-dialog__report">
        <h3 className="xk-holders-dialog__subtitle">{labels.holdersReportTitle}</h3>
        <div role="status">
        <dl className="xk-holders-dialog__counts">
          <div data-kind="reached">
            <dt>{labels.holdersReached}</dt>
            <dd>{report.sent.length}</dd>
          </div>
          <div data-kind="not-on-network">
            <dt>{labels.holdersNotOnNetwork}</dt>
            <dd>{report.notOnNetwork.length}</dd>
          </div>
          <div data-kind="failed">
            <dt>{labels.holdersFailed}</dt>
            <dd>{failed}</dd>
          </div>
          {cancelled > 0 ? (
            <div data-kind="cancelled">
              <dt>{labels.holdersCancelled}</dt>
              <dd>{cancelled}</dd>
            </div>
          ) : null}
        </dl>
        </div>
        {failed > 0 ? (
          <ul className="xk-holders-dialog__failures" aria-label={labels.holdersFailed}>
            {report.failed.map((f) => (
              <li key={f.address}>
                <span className="xk-holders-dialog__address" title={f.address}>
                  {shortAddress(f.address)}
                </span>{' '}
                <span className="xk-holders-dialog__reason">{f.error.shortMessage}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="xk-holders-dialog__actions">
          {rest > 0 ? (
            <button type="button" className="xk-holders-dialog__primary" onClick={() => void flow.retry(draft)}>
              {cancelled > 0 ? labels.holdersSendRest(rest) : labels.holdersRetryFailed(rest)}
            </button>
          ) : null}
          <Dialog.Close className="xk-holders-dialog__secondary">{labels.holdersDone}</Dialog.Close>
        </div>
      </div>
    )
  }

  // compose
  const onNetwork = reach?.onNetwork.length ?? 0
  const unchecked = reach?.failed.length ?? 0
  const reachable = onNetwork + unchecked
  const total = onNetwork + (reach?.notOnNetwork.length ?? 0) + unchecked
  if (total === 0) return <p className="xk-holders-dialog__status">{labels.holdersNone}</p>
  return (
    <form
      className="xk-holders-dialog__compose"
      onSubmit={(event) => {
        event.preventDefault()
        if (draft.trim() !== '' && reachable > 0) void flow.send(draft)
      }}
    >
      <p className="xk-holders-dialog__reach" role="status">
        {labels.holdersReach(onNetwork, reach?.notOnNetwork.length ?? 0)}
      </p>
      {unchecked > 0 ? <p className="xk-holders-dialog__note">{labels.holdersUnchecked(unchecked)}</p> : null}
      {reach && reach.invalid.length > 0 ? <p className="xk-holders-dialog__note">{labels.holdersSkipped(reach.invalid.length)}</p> : null}
      {reachable === 0 ? (
        <p className="xk-holders-dialog__status">{labels.holdersNoneReachable}</p>
      ) : (
        <>
          <label className="xk-visually-hidden" htmlFor={messageId}>
            {labels.holdersMessage}
          </label>
          <textarea
            id={messageId}
            className="xk-holders-dialog__message"
            rows={5}
            value={draft}
            placeholder={labels.holdersMessagePlaceholder}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="xk-holders-dialog__actions">
            <button type="submit" className="xk-holders-dialog__primary" disabled={draft.trim() === ''}>
              {labels.holdersSend(reachable)}
            </button>
          </div>
        </>
      )}
    </form>
  )
}
