// The widget's public JS API (`window.XMTPKit`), as shipped in `dist/xmtp-kit-widget.d.ts`.

/** `light`, `dark`, or `auto` (follows the visitor's `prefers-color-scheme`). */
export type WidgetTheme = 'light' | 'dark' | 'auto'

/** `launcher`: a floating button that opens the inbox in a panel. `inline`: the inbox inside `data-target`. */
export type WidgetMode = 'launcher' | 'inline'

/** A wallet that signs XMTP's identity messages (EIP-191 `personal_sign`), e.g. an ethers `Signer` or a viem account. */
export interface WidgetSigner {
  getAddress(): Promise<string> | string
  signMessage(message: string): Promise<string>
}

/** A new message in any conversation of the connected wallet (sent or received). */
export interface WidgetMessage {
  /** The message id (hex sha256 of its envelope, as the official SDK computes it). */
  id: string
  /** The other wallet of the conversation (EIP-55). */
  peerAddress: string
  /** Who sent it (EIP-55). */
  senderAddress: string
  /** True when the connected wallet sent it. */
  fromMe: boolean
  /** The text of a text message, a reply's text, else the sender's fallback description (or `undefined`). */
  text: string | undefined
  /** The content type, e.g. `xmtp.org/text:1.0`. */
  contentType: string
  /** When it was sent (the sender's clock). */
  sentAt: Date
}

/** What each event passes to its listeners. */
export interface WidgetEvents {
  /** A new message arrived or was sent (only while a wallet is connected). */
  message: WidgetMessage
  /** The total of unread messages changed (the launcher badge shows it). */
  unread: number
  /** The panel opened (launcher mode). */
  open: undefined
  /** The panel closed (launcher mode). */
  close: undefined
}

export type WidgetEvent = keyof WidgetEvents

/** One widget on the page (one script tag). */
export interface WidgetInstance {
  /** `data-id`, else `xmtp-kit-widget` (`xmtp-kit-widget-2`, `-3`… for more widgets, in the order their scripts run). */
  readonly id: string
  readonly mode: WidgetMode
  /**
   * Opens the panel (loading the inbox if needed). With `peer`, opens the conversation with that address once a
   * wallet is connected (starting it if needed).
   */
  open(options?: { peer?: string | undefined }): void
  /** Closes the panel (launcher mode). Messages keep arriving: the badge counts them. */
  close(): void
  /** Listens to an event; returns a function that stops listening. */
  on<E extends WidgetEvent>(event: E, listener: (payload: WidgetEvents[E]) => void): () => void
  setTheme(theme: WidgetTheme): void
  /**
   * Connects this wallet instead of the page's injected wallet (loads the inbox if needed). Resolves with the
   * wallet's address once messaging is on; rejects when it failed (the widget shows why).
   */
  connect(options: { signer: WidgetSigner }): Promise<string>
  /** Removes the widget from the page: its button, panel, client and streams. The instance is then unusable. */
  destroy(): void
}

/**
 * `window.XMTPKit`: the methods of the page's first widget (in the order of the script tags), plus `get(id)` and
 * `instances()` for pages with several.
 *
 * @example
 * XMTPKit.open({ peer: '0x…' })
 * const stop = XMTPKit.on('unread', (count) => (document.title = count ? `(${count}) Shop` : 'Shop'))
 * XMTPKit.get('support')?.close()
 */
export interface XMTPKitAPI extends Omit<WidgetInstance, 'id' | 'mode'> {
  /** The widget with this id (`data-id`), if any. */
  get(id: string): WidgetInstance | undefined
  /** Every widget on the page, in the order of their script tags. */
  instances(): WidgetInstance[]
  /** The widget's version. */
  readonly version: string
}

declare global {
  interface Window {
    /** The xmtp-kit widget's API, once its script has run (the `xmtp-kit:ready` event on `window` says when). */
    XMTPKit?: XMTPKitAPI
  }
}
