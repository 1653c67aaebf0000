/** Labels of the message-holders flow (`MessageHoldersButton`). */
export interface HoldersLabels {
  /** The trigger's text and the dialog's title. */
  messageHolders: string
  /** Shown in the dialog while no wallet is connected. */
  holdersConnect: string
  holdersLoading: string
  holdersLoadFailed: string
  holdersChecking: string
  holdersCheckFailed: string
  holdersTryAgain: string
  holdersNone: string
  /** The reach check's outcome: how many holders can be messaged, and how many are not on XMTP yet. */
  holdersReach: (onNetwork: number, notOnNetwork: number) => string
  /** Holders whose check failed: they are checked again when sending. */
  holdersUnchecked: (count: number) => string
  /** Entries of the list that are not addresses (or the connected wallet itself), skipped. */
  holdersSkipped: (count: number) => string
  holdersNoneReachable: string
  /** The message box's accessible name. */
  holdersMessage: string
  holdersMessagePlaceholder: string
  holdersSend: (count: number) => string
  /** The progress bar's accessible name. */
  holdersSendProgress: string
  /** The progress bar's value as text. */
  holdersProgress: (done: number, total: number) => string
  holdersCancel: string
  holdersCancelling: string
  holdersReportTitle: string
  holdersReached: string
  holdersNotOnNetwork: string
  holdersFailed: string
  holdersCancelled: string
  holdersRetryFailed: (count: number) => string
  /** Retry after a cancel: the cancelled ones and the failed ones. */
  holdersSendRest: (count: number) => string
  holdersDone: string
}

const holders = (n: number) => `${n} ${n === 1 ? 'holder' : 'holders'}`

export const holdersLabels: HoldersLabels = {
  messageHolders: 'Message holders',
  holdersConnect: 'Connect a wallet to message holders.',
  holdersLoading: 'Finding holders…',
  holdersLoadFailed: 'Could not read the holders.',
  holdersChecking: 'Checking who is on XMTP…',
  holdersCheckFailed: 'Could not check who is on XMTP.',
  holdersTryAgain: 'Try again',
  holdersNone: 'No holders found.',
  holdersReach: (onNetwork, notOnNetwork) => `${holders(onNetwork)} on XMTP · ${notOnNetwork} not yet`,
  holdersUnchecked: (count) => `${holders(count)} could not be checked; they are tried again when sending.`,
  holdersSkipped: (count) => `${count} ${count === 1 ? 'entry' : 'entries'} skipped (not a wallet address, or your own).`,
  holdersNoneReachable: 'None of the holders is on XMTP yet.',
  holdersMessage: 'Message',
  holdersMessagePlaceholder: 'Write one message; each holder gets it in their own conversation.',
  holdersSend: (count) => `Send to ${holders(count)}`,
  holdersSendProgress: 'Sending progress',
  holdersProgress: (done, total) => `${done} of ${total} sent`,
  holdersCancel: 'Cancel',
  holdersCancelling: 'Cancelling…',
  holdersReportTitle: 'Sent',
  holdersReached: 'Reached',
  holdersNotOnNetwork: 'Not on XMTP yet',
  holdersFailed: 'Failed',
  holdersCancelled: 'Not sent (cancelled)',
  holdersRetryFailed: (count) => `Retry failed (${count})`,
  holdersSendRest: (count) => `Send to the remaining ${count}`,
  holdersDone: 'Done',
}
