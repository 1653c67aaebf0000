// The script-tag launcher: plain DOM, no React. It reads its own <script> tag, shows a floating button (or an
// inline box) in its own shadow root, and loads the inbox chunk from next to itself on first use.
import { findOwnScript, readConfig } from './config.js'
import launcherCss from './launcher.css'
import { CHUNK_FILE, CHUNK_KEY, type InboxChunk, type MountedWidget, type WidgetConfig, adoptStyles } from './protocol.js'
import type { WidgetEvent, WidgetEvents, WidgetInstance, WidgetSigner, WidgetTheme, XMTPKitAPI } from './types.js'

/** What every launcher on the page shares (kept under a symbol: one registry even if the script runs twice). */
interface Registry {
  /** Each widget with the script tag it came from. */
  instances: Map<string, { instance: WidgetInstance; script: HTMLScriptElement }>
  /** Script tags already turned into widgets. */
  claimed: WeakSet<Element>
  /** The inbox chunk, loading or loaded, by URL. */
  chunks: Map<string, Promise<InboxChunk>>
  /** How many widgets have been created (for default ids). */
  created: number
}

const REGISTRY_KEY = Symbol.for('xmtp-kit-widget.registry')
type WindowWithRegistry = Window & { [REGISTRY_KEY]?: Registry }

const text = {
  title: 'Messages',
  open: 'Open messages',
  openUnread: (n: number) => `Open messages (${n} unread)`,
  close: 'Close messages',
  loading: 'Loading…',
  loadFailed: 'The inbox could not load. Check your connection and try again.',
  retry: 'Try again',
  noTarget: (selector: string) => `This widget is set up inline, but data-target "${selector}" matches no element on the page.`,
}

function registry(): Registry {
  const w = window as WindowWithRegistry
  return (w[REGISTRY_KEY] ??= { instances: new Map(), claimed: new WeakSet(), chunks: new Map(), created: 0 })
}

/** Loads the inbox chunk once per URL: a classic script (no CORS needed), with the page's nonce if any. */
function loadChunk(url: string, nonce: string | undefined): Promise<InboxChunk> {
  const chunks = registry().chunks
  let loading = chunks.get(url)
  if (!loading) {
    loading = new Promise<InboxChunk>((resolve, reject) => {
      const found = (window as unknown as Record<symbol, InboxChunk | undefined>)[CHUNK_KEY]
      if (found) return resolve(found)
      const script = document.createElement('script')
      script.src = url
      script.async = true
      if (nonce) script.nonce = nonce
      script.onload = () => {
        const chunk = (window as unknown as Record<symbol, InboxChunk | undefined>)[CHUNK_KEY]
        if (chunk) resolve(chunk)
        else reject(new Error('The inbox chunk ran but registered nothing.'))
      }
      script.onerror = () => reject(new Error(`Could not load ${url}`))
      document.head.append(script)
    })
    // A failed load can be retried.
    loading.catch(() => chunks.delete(url))
    chunks.set(url, loading)
  }
  return loading
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

/** The speech-bubble icon, built with DOM calls (no innerHTML, so Trusted Types pages work too). */
function icon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  const path = document.createElementNS(ns, 'path')
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z')
  svg.append(path)
  return svg
}

/** Calls a page listener; its exceptions are reported like any uncaught error but do not stop the widget. */
function safely(fn: () => void): void {
  try {
    fn()
  } catch (error) {
    setTimeout(() => {
      throw error
    })
  }
}

function createWidget(config: WidgetConfig, chunkUrl: string, stackIndex: number): WidgetInstance {
  const listeners = new Map<WidgetEvent, Set<(payload: never) => void>>()
  const emit = <E extends WidgetEvent>(event: E, payload: WidgetEvents[E]) => {
    for (const listener of [...(listeners.get(event) ?? [])]) safely(() => (listener as (p: WidgetEvents[E]) => void)(payload))
    if (event === 'unread') showUnread(payload as number)
  }

  let target: Element | null = null
  let problem: string | undefined
  if (config.mode === 'inline') {
    target = config.target ? safeQuery(config.target) : null
    if (!target) {
      // Nowhere to render inline: fall back to a launcher whose panel says why.
      problem = text.noTarget(config.target ?? '')
      config = { ...config, mode: 'launcher' }
    }
  }
  const launcherMode = config.mode === 'launcher'

  const host = document.createElement('xmtp-kit-widget')
  host.setAttribute('data-mode', config.mode)
  host.setAttribute('data-id', config.id)
  if (launcherMode && stackIndex > 0) host.style.setProperty('--xkw-bottom', `${20 + stackIndex * 68}px`)
  const root = host.attachShadow({ mode: 'open' })
  adoptStyles(root, launcherCss, config.nonce)

  const titleId = `${config.id}-title`
  const closeButton = el('button', { type: 'button', class: 'xkw-close', 'aria-label': text.close }, '×')
  const note = el('p', { class: 'xkw-note', role: 'status' })
  const inbox = el('div', { class: 'xkw-inbox' })
  const panel = el(
    'section',
    { class: 'xkw-panel', id: `${config.id}-panel`, role: launcherMode ? 'dialog' : 'region', 'aria-labelledby': titleId },
    el('header', { class: 'xkw-head' }, el('h2', { class: 'xkw-title', id: titleId }, config.title ?? text.title), ...(launcherMode ? [closeButton] : [])),
    el('div', { class: 'xkw-body' }, note, inbox),
  )
  const badge = el('span', { class: 'xkw-badge', 'aria-hidden': 'true', hidden: '' })
  const button = el('button', { type: 'button', class: 'xkw-launcher', 'aria-label': text.open, 'aria-expanded': 'false', 'aria-controls': panel.id }, icon(), badge)
  const frame = el('div', { class: 'xkw', 'data-theme': config.theme, 'data-mode': config.mode }, panel, ...(launcherMode ? [button] : []))
  root.append(frame)
  note.hidden = true

  let open = !launcherMode
  panel.hidden = !open
  let destroyed = false
  let mounted: MountedWidget | undefined
  let mounting: Promise<MountedWidget> | undefined
  let pendingPeer: string | undefined

  function showNote(message: string, kind: 'status' | 'error', retry?: () => void) {
    note.hidden = false
    note.setAttribute('data-kind', kind)
    note.setAttribute('role', kind === 'error' ? 'alert' : 'status')
    note.replaceChildren(message)
    if (retry) {
      const again = el('button', { type: 'button', class: 'xkw-retry' }, text.retry)
      again.addEventListener('click', retry)
      note.append(again)
    }
  }

  function showUnread(count: number) {
    badge.hidden = count <= 0
    badge.textContent = count > 99 ? '99+' : String(count)
    button.setAttribute('aria-label', count > 0 ? text.openUnread(count) : text.open)
  }

  /** Loads the chunk and mounts the inbox (once; a failed load can be retried). */
  function mount(): Promise<MountedWidget> {
    if (problem) return Promise.reject(new Error(problem))
    if (!mounting) {
      showNote(text.loading, 'status')
      mounting = loadChunk(chunkUrl, config.nonce).then(
        (chunk) => {
          if (destroyed) throw new Error('The widget was destroyed.')
          note.hidden = true
          mounted = chunk.mount({ config, root, container: inbox, emit })
          mounted.setOpen(open)
          if (pendingPeer) mounted.openPeer(pendingPeer)
          pendingPeer = undefined
          return mounted
        },
        (error: Error) => {
          mounting = undefined
          if (!destroyed) showNote(text.loadFailed, 'error', () => void mount().catch(() => undefined))
          throw error
        },
      )
    }
    return mounting
  }

  function setOpen(next: boolean, focus: boolean) {
    if (destroyed || !launcherMode || next === open) return
    open = next
    panel.hidden = !open
    button.setAttribute('aria-expanded', String(open))
    mounted?.setOpen(open)
    if (open) {
      void mount().catch(() => undefined)
      if (focus) closeButton.focus()
    } else if (focus) {
      button.focus()
    }
    emit(open ? 'open' : 'close', undefined)
  }

  button.addEventListener('click', () => setOpen(!open, true))
  closeButton.addEventListener('click', () => setOpen(false, true))
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open && launcherMode) {
      event.stopPropagation()
      setOpen(false, true)
    }
  })

  if (problem) showNote(problem, 'error')

  const instance: WidgetInstance = {
    id: config.id,
    mode: config.mode,
    open(options) {
      if (destroyed) return
      const peer = options?.peer
      if (peer) {
        if (mounted) mounted.openPeer(peer)
        else pendingPeer = peer
      }
      if (launcherMode) setOpen(true, false)
      void mount().catch(() => undefined)
    },
    close() {
      setOpen(false, false)
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const entry = listener as (payload: never) => void
      set.add(entry)
      return () => void set.delete(entry)
    },
    setTheme(theme: WidgetTheme) {
      if (destroyed || !['light', 'dark', 'auto'].includes(theme)) return
      config = { ...config, theme }
      frame.setAttribute('data-theme', theme)
      mounted?.setTheme(theme)
    },
    async connect({ signer }: { signer: WidgetSigner }) {
      return (await mount()).connect(signer)
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      mounted?.destroy()
      host.remove()
      listeners.clear()
      registry().instances.delete(config.id)
    },
  }

  const attach = () => {
    if (destroyed) return
    ;(target ?? document.body).append(host)
    if (!launcherMode) void mount().catch(() => undefined)
    else if (config.loadOnIdle) {
      const idle = (window as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1))
      const whenLoaded = () => idle(() => void mount().catch(() => undefined))
      if (document.readyState === 'complete') whenLoaded()
      else window.addEventListener('load', whenLoaded, { once: true })
    }
  }
  if (document.body) attach()
  else document.addEventListener('DOMContentLoaded', attach, { once: true })
  return instance
}

/** `querySelector` that treats an invalid selector as no match. */
function safeQuery(selector: string): Element | null {
  try {
    return document.querySelector(selector)
  } catch {
    return null
  }
}

/** The widgets in the page order of their script tags (async scripts run in any order). */
function ordered(reg: Registry): WidgetInstance[] {
  return [...reg.instances.values()]
    .sort((a, b) => (a.script.compareDocumentPosition(b.script) & Node.DOCUMENT_POSITION_PRECEDING ? 1 : -1))
    .map((entry) => entry.instance)
}

/** `window.XMTPKit`: the methods of the page's first widget, plus lookups for the others. */
function api(reg: Registry): XMTPKitAPI {
  const first = (): WidgetInstance | undefined => ordered(reg)[0]
  return {
    version: XMTP_KIT_WIDGET_VERSION,
    get: (id) => reg.instances.get(id)?.instance,
    instances: () => ordered(reg),
    open: (options) => first()?.open(options),
    close: () => first()?.close(),
    on: (event, listener) => first()?.on(event, listener) ?? (() => undefined),
    setTheme: (theme) => first()?.setTheme(theme),
    connect: (options) => first()?.connect(options) ?? Promise.reject(new Error('No xmtp-kit widget on this page.')),
    destroy: () => first()?.destroy(),
  }
}

function start(): void {
  const reg = registry()
  const script = findOwnScript(reg.claimed)
  if (!script) return
  reg.claimed.add(script)
  const n = ++reg.created
  let id = script.getAttribute('data-id')?.trim() || (n === 1 ? 'xmtp-kit-widget' : `xmtp-kit-widget-${n}`)
  // Two tags with the same data-id still make two widgets.
  while (reg.instances.has(id)) id = `${id}-${n}`
  const config = readConfig(script, id)
  const chunkUrl = new URL(CHUNK_FILE, script.src || location.href).href
  const stackIndex = [...reg.instances.values()].filter((entry) => entry.instance.mode === 'launcher').length
  const instance = createWidget(config, chunkUrl, stackIndex)
  reg.instances.set(instance.id, { instance, script })
  window.XMTPKit ??= api(reg)
  window.dispatchEvent(new CustomEvent('xmtp-kit:ready', { detail: { id: instance.id } }))
}

start()
