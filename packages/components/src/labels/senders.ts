/** Labels of the senders' components (`SubscribeButton`). `team` is the sender's name (or short address). */
export interface SendersLabels {
  /** The button that asks for the signature. */
  subscribe: (team: string) => string
  /** While the wallet is asked to sign. */
  subscribeSigning: string
  /** While the proof is handed over and the sender allowed. */
  subscribeSaving: string
  subscribed: (team: string) => string
  unsubscribe: string
  unsubscribing: string
  /** After revoking. */
  unsubscribed: (team: string) => string
  /** Without a wallet to sign with. */
  subscribeNoWallet: string
  subscribeFailed: string
  /** The wallet's signature does not recover to its address (e.g. a smart-contract wallet): no usable proof. */
  subscribeUnusableSignature: string
  unsubscribeFailed: string
  subscribeTryAgain: string
}

export const sendersLabels: SendersLabels = {
  subscribe: (team) => `Subscribe to messages from ${team}`,
  subscribeSigning: 'Confirm in your wallet…',
  subscribeSaving: 'Subscribing…',
  subscribed: (team) => `Subscribed to messages from ${team}`,
  unsubscribe: 'Unsubscribe',
  unsubscribing: 'Unsubscribing…',
  unsubscribed: (team) => `Unsubscribed: ${team} can no longer reach your inbox.`,
  subscribeNoWallet: 'Connect a wallet to subscribe.',
  subscribeFailed: 'Could not subscribe.',
  subscribeUnusableSignature: 'This wallet’s signature cannot be used as a consent proof.',
  unsubscribeFailed: 'Could not unsubscribe.',
  subscribeTryAgain: 'Try again',
}
