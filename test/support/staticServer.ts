import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
}

/** Serves fixed routes (path → file path or inline content) on a free loopback port. */
export async function serveStatic(
  routes: Record<string, { file: string } | { body: string; type: string }>,
  headers: Record<string, string> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!]
    if (!route) {
      res.writeHead(404).end()
      return
    }
    const body = 'file' in route ? readFileSync(route.file) : route.body
    const type = 'file' in route ? (types[route.file.slice(route.file.lastIndexOf('.'))] ?? 'application/octet-stream') : route.type
    res.writeHead(200, { 'Content-Type': type, ...headers }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
