// What the launcher and the inbox chunk say to each other. Both files ship together (same version), so this is
// internal: the launcher hands the chunk a shadow root to render into and an `emit` for the page's listeners.
import type { WidgetEvent, WidgetEvents, WidgetMode, WidgetSigner, WidgetTheme } from './types.js'

/** The widget's settings, read from its script tag's `data-*` attributes. */
export interface WidgetConfig {
  id: string
  mode: WidgetMode
  /** `data-node`: the XMTP node's HTTP API. */
  node: string | undefined
  /** `data-peer`: the address the widget opens a conversation with (as written; checked by the chunk). */
  peer: string | undefined
  theme: WidgetTheme
  /** `data-target`: the selector of the element an inline widget fills. */
  target: string | undefined
  /** `data-title`: the panel's heading. */
  title: string | undefined
  /** `data-allow-burner`: offer a temporary wallet kept in this browser's localStorage. */
  allowBurner: boolean
  /** `data-nonce`, else the script's own nonce: for the `<style>` and `<script>` elements the widget adds. */
  nonce: string | undefined
  /** `data-load="idle"`: load the inbox when the page is idle instead of on first click. */
  loadOnIdle: boolean
}

/** What the launcher gives the chunk for one widget. */
export interface MountOptions {
  config: WidgetConfig
  /** The widget's shadow root: the chunk adds its stylesheets here (anything it portals must stay inside it). */
  root: ShadowRoot
  /** The element inside `root` that holds the inbox. */
  container: HTMLElement
  emit<E extends WidgetEvent>(event: E, payload: WidgetEvents[E]): void
}

/** What the chunk returns for one mounted widget. */
export interface MountedWidget {
  /** Shows (true) or hides the inbox; while hidden, the client keeps streaming and counting unread messages. */
  setOpen(open: boolean): void
  /** Opens the conversation with `peer` once a wallet is connected. */
  openPeer(peer: string): void
  setTheme(theme: WidgetTheme): void
  connect(signer: WidgetSigner): Promise<string>
  destroy(): void
}

/** The inbox chunk's export, found at `window[CHUNK_KEY]` once its script has run. */
export interface InboxChunk {
  version: string
  mount(options: MountOptions): MountedWidget
}

/** Where the chunk leaves its export (a symbol, so that it names nothing on `window`). */
export const CHUNK_KEY = Symbol.for('xmtp-kit-widget.inbox')

/** The file name of the inbox chunk, next to the launcher. */
export const CHUNK_FILE = 'xmtp-kit-widget-inbox.js'

/** Adds a stylesheet to a shadow root: a constructable stylesheet, else a `<style>` carrying the nonce. */
export function adoptStyles(root: ShadowRoot, css: string, nonce: string | undefined): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    return
  }
  const style = document.createElement('style')
  if (nonce) style.nonce = nonce
  style.textContent = css
  // After the widget's other stylesheets, before its content.
  let anchor = root.firstChild
  while (anchor instanceof HTMLStyleElement) anchor = anchor.nextSibling
  root.insertBefore(style, anchor)
}
