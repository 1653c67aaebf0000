/** Labels of the dialogs, the buttons and the connection status. */
export interface DialogsLabels {
  /** The inbox dialog's title (visually hidden: the inbox shows its own headings). */
  dialogTitle: string
  /** The accessible name of the dialog's close button. */
  close: string

  /** `MessageButton`'s text when it has no children. */
  messageButton: string
  /** Why `MessageButton` is disabled: the peer has no XMTP identity. */
  peerNotOnXmtp: string
  /** Why `MessageButton` is disabled: the peer is the connected wallet. */
  cannotMessageSelf: string
  /** Why `MessageButton` is disabled: no wallet is connected (and there is no `onConnectRequest`). */
  connectToMessage: string
  /** While the connected wallet is asked to sign and its XMTP client is made. */
  enablingMessaging: string
  /** While `MessageButton` checks that the peer is on XMTP. */
  checkingRecipient: string
  /** While a conversation is started (or found) after a click. */
  openingConversation: string
  /** The peer could not be checked (e.g. the network is down); clicking tries again. */
  checkFailed: string
  /** Starting the conversation failed; clicking tries again. */
  startFailed: string

  /** `NewConversation`'s input label. */
  recipientLabel: string
  recipientPlaceholder: string
  /** `NewConversation`'s submit button. */
  startConversation: string
  /** Nothing was typed. */
  recipientRequired: string
  /** Neither an address nor a name. */
  invalidRecipient: string
  /** A mixed-case address whose EIP-55 checksum does not match (a typo). */
  badChecksum: string
  /** A name was typed but no resolver was given. */
  namesUnsupported: string
  /** While a name is resolved. */
  resolvingName: (name: string) => string
  /** The name has no address. */
  nameNotFound: (name: string) => string
  /** The name lookup failed. */
  nameLookupFailed: (name: string) => string

  /** `ConnectButton` when no wallet is connected. */
  connectWallet: string
  /** While the wallet connects. */
  connectingWallet: string
  /** Connecting the wallet failed (the connect button retries). */
  walletConnectFailed: string
  disconnect: string
  /** Asks the wallet to sign and makes the XMTP client. */
  enableMessaging: string
  /** The XMTP client's status, as shown next to the wallet. */
  messagingIdle: string
  messagingSigning: string
  messagingReady: string
  messagingError: string
  /** Retries a failed step (XMTP client, wallet connection). */
  tryAgain: string
  /** The accessible name of the connected wallet's group. */
  connectedWallet: (name: string) => string

  /** `ConnectionStatus` before the streams first connect. */
  connectionConnecting: string
  /** `ConnectionStatus` after a drop, while the streams retry. */
  connectionReconnecting: string
  /** `ConnectionStatus` with no network. */
  connectionOffline: string
  /** `ConnectionStatus`'s retry button (shown with `onRetry`). */
  connectionRetry: string
}

export const dialogsLabels: DialogsLabels = {
  dialogTitle: 'Messages',
  close: 'Close',

  messageButton: 'Message',
  peerNotOnXmtp: 'This wallet is not on XMTP yet, so it cannot receive messages.',
  cannotMessageSelf: 'This is your own wallet.',
  connectToMessage: 'Connect a wallet to send messages.',
  enablingMessaging: 'Enabling messaging…',
  checkingRecipient: 'Checking the recipient…',
  openingConversation: 'Opening the conversation…',
  checkFailed: 'Could not check the recipient. Try again.',
  startFailed: 'Could not open the conversation. Try again.',

  recipientLabel: 'Address or ENS name',
  recipientPlaceholder: '0x… or name.eth',
  startConversation: 'Start conversation',
  recipientRequired: 'Enter a wallet address or an ENS name.',
  invalidRecipient: 'Enter a wallet address (0x and 40 hexadecimal characters) or an ENS name.',
  badChecksum: 'This address has a wrong checksum: check it for typos, or type it in lowercase.',
  namesUnsupported: 'Names cannot be looked up here. Enter a 0x address.',
  resolvingName: (name) => `Looking up ${name}…`,
  nameNotFound: (name) => `No address found for ${name}.`,
  nameLookupFailed: (name) => `Could not look up ${name}. Try again.`,

  connectWallet: 'Connect wallet',
  connectingWallet: 'Connecting…',
  walletConnectFailed: 'Could not connect the wallet.',
  disconnect: 'Disconnect',
  enableMessaging: 'Enable messaging',
  messagingIdle: 'Messaging off',
  messagingSigning: 'Sign in your wallet to enable messaging…',
  messagingReady: 'Messaging on',
  messagingError: 'Could not enable messaging.',
  tryAgain: 'Try again',
  connectedWallet: (name) => `Connected as ${name}`,

  connectionConnecting: 'Connecting…',
  connectionReconnecting: 'Reconnecting…',
  connectionOffline: 'Offline',
  connectionRetry: 'Retry',
}
