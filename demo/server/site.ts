// The demo's web server: the three pages, their assets, the widget's files, a small JSON API (config, burner
// wallets, faucet) and a read-only JSON-RPC endpoint for the local chain.
import { existsSync, readFileSync } from 'node:fs'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { ROOT, WIDGET_DIST, WIDGET_FILES } from './build.js'
import type { WidgetState } from './startDemo.js'

export interface SiteHandlers {
  /** `GET /api/config` */
  config(): unknown
  /** `POST /api/burner` */
  burner(): Promise<unknown>
  /** `POST /api/faucet` with `{ address }` */
  faucet(address: string): Promise<unknown>
  /** `POST /rpc` */
  rpc(body: unknown): Promise<unknown>
}

export interface SiteParameters {
  host: string
  /** Tried first; a busy port falls back to a free one. `0`: any free port. */
  port: number
  /** The built pages (`buildPages`). */
  assetsDir: string
  /** The XMTP node, which the pages (another origin) are allowed to reach. */
  nodeUrl: string
  /** The reply bot, which the widget page opens a conversation with. */
  bot: string
  /** Whether the widget's files can be served now. */
  widget: () => WidgetState
  handlers: SiteHandlers
  onError(error: Error): void
}

export interface Site {
  url: string
  /** The port asked for, when it was busy. */
  busyPort: number | undefined
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
}

const PAGES_DIR = join(ROOT, 'demo/pages')

/** The same favicon everywhere: a speech bubble. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path fill="#fff" d="M9 9h14a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3h-7l-5 4v-4H9a3 3 0 0 1-3-3v-7a3 3 0 0 1 3-3z"/></svg>`

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A React page's HTML: its stylesheet, the theme script (before paint: no flash of the wrong theme), its module. */
function reactPage(name: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · xmtp-kit demo</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="/assets/${name}.css">
<script src="/theme.js"></script>
<script type="module" src="/assets/${name}.js"></script>
</head>
<body>
<div id="root"><p class="demo-boot">Loading the ${escapeHtml(title.toLowerCase())} demo…</p></div>
<noscript>This page runs on JavaScript.</noscript>
</body>
</html>
`
}

/** Sets `data-theme` on `<html>` from the saved choice before the page paints (a file: the CSP allows no inline script). */
const THEME_SCRIPT = `try{var t=localStorage.getItem('xmtp-kit-demo:theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`

/** The plain HTML page: the widget's script tag, or why it is not there yet. */
function widgetPage(nodeUrl: string, bot: string, state: WidgetState): string {
  const template = readFileSync(join(PAGES_DIR, state === 'fresh' ? 'widget.html' : 'widget-unavailable.html'), 'utf8')
  const reason = {
    absent: 'Its package (<code>packages/widget</code>) is not in this checkout; the destination and dapp pages work without it.',
    building: 'It is being built (rollup) right now: this page reloads by itself in a moment.',
    failed: 'Its build failed: the terminal running <code>npm start</code> says why.',
    fresh: '',
  }[state]
  return template
    .replaceAll('{{node}}', escapeHtml(nodeUrl))
    .replaceAll('{{peer}}', escapeHtml(bot))
    .replace('{{reason}}', reason)
    .replace('{{refresh}}', state === 'building' ? '<meta http-equiv="refresh" content="3">' : '')
}

async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw Object.assign(new Error('Request body too large'), { status: 413 })
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw Object.assign(new Error('Malformed JSON'), { status: 400 })
  }
}

/** Listens on `port`, or on a free one when it is taken. */
async function listen(server: Server, host: string, port: number): Promise<{ port: number; busyPort: number | undefined }> {
  const attempt = (p: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error)
      server.once('error', onError)
      server.listen(p, host, () => {
        server.off('error', onError)
        resolve()
      })
    })
  try {
    await attempt(port)
    return { port: (server.address() as AddressInfo).port, busyPort: undefined }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error
    await attempt(0)
    return { port: (server.address() as AddressInfo).port, busyPort: port }
  }
}

export async function startSite({ host, port, assetsDir, nodeUrl, bot, widget, handlers, onError }: SiteParameters): Promise<Site> {
  // Pages reach the node (another port, so another origin) and this server; scripts come from here only.
  const appCsp = [
    "default-src 'self'",
    // long.js (under protobufjs) compiles a tiny WebAssembly module when it can.
    "script-src 'self' 'wasm-unsafe-eval'",
    // Radix dialogs add a <style> element while open (to lock scrolling).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${nodeUrl}`,
    "frame-ancestors 'none'",
  ].join('; ')
  // The plain page is as strict as a careful site would be: the widget needs no exception.
  const plainCsp = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", `connect-src 'self' ${nodeUrl}`].join('; ')
  const pages: Record<string, { body: () => string; csp: string }> = {
    '/': { body: () => reactPage('destination', 'Destination'), csp: appCsp },
    '/dapp': { body: () => reactPage('dapp', 'Dapp'), csp: appCsp },
    '/widget': { body: () => widgetPage(nodeUrl, bot, widget()), csp: plainCsp },
  }

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers }).end(body)
  }
  const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, TYPES['.json']!, JSON.stringify(value))
  const file = (res: ServerResponse, path: string) => {
    if (!existsSync(path)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    send(res, 200, TYPES[extname(path)] ?? 'application/octet-stream', readFileSync(path))
  }
  /** A path inside `dir`, or `undefined` for anything that climbs out of it. */
  const inside = (dir: string, rest: string) => {
    const path = normalize(join(dir, decodeURIComponent(rest)))
    return path.startsWith(`${dir}/`) ? path : undefined
  }

  // On a loopback address, only requests for a loopback name: another site cannot rebind its own name to this
  // server (DNS rebinding) and read a burner's key from it.
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)
  const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?$/

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (loopback && !LOOPBACK_HOST.test(req.headers.host ?? '')) return json(res, 421, { error: 'This demo server answers on its loopback address only.' })
    const path = new URL(req.url ?? '/', 'http://demo').pathname
    const method = req.method ?? 'GET'
    const page = pages[path] ?? pages[path.replace(/\/$/, '')]
    if (page && (method === 'GET' || method === 'HEAD')) return send(res, 200, TYPES['.html']!, page.body(), { 'Content-Security-Policy': page.csp })
    if (method === 'POST') {
      if (path === '/rpc') return json(res, 200, await handlers.rpc(await readJson(req)))
      if (path === '/api/burner') return json(res, 200, await handlers.burner())
      if (path === '/api/faucet') {
        const body = (await readJson(req)) as { address?: unknown } | undefined
        if (typeof body?.address !== 'string') return json(res, 400, { error: 'Expected { "address": "0x…" }' })
        return json(res, 200, await handlers.faucet(body.address))
      }
    }
    if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { error: `${method} ${path} is not supported` })
    if (path === '/api/config') return json(res, 200, handlers.config())
    if (path === '/theme.js') return send(res, 200, TYPES['.js']!, THEME_SCRIPT)
    if (path === '/plain.css') return file(res, join(PAGES_DIR, 'plain.css'))
    if (path === '/favicon.svg' || path === '/favicon.ico') return send(res, 200, TYPES['.svg']!, FAVICON)
    if (path.startsWith('/assets/')) {
      const asset = inside(assetsDir, path.slice('/assets/'.length))
      return asset ? file(res, asset) : send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    }
    if (path.startsWith('/widget/')) {
      const name = path.slice('/widget/'.length)
      const known = widget() === 'fresh' && WIDGET_FILES.some((f) => name === f || name === `${f}.map`)
      return known ? file(res, join(WIDGET_DIST, name)) : send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    }
    send(res, 404, TYPES['.html']!, `<!doctype html><meta charset="utf-8"><title>Not found</title><p>Nothing at ${escapeHtml(path)}. Try <a href="/">the demo</a>.</p>`)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error & { status?: number }) => {
      const status = error.status ?? 500
      if (status === 500) onError(error)
      if (!res.headersSent) json(res, status, { error: error.message })
      else res.destroy()
    })
  })
  const bound = await listen(server, host, port)
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return {
    url: `http://${shownHost}:${bound.port}`,
    busyPort: bound.busyPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
