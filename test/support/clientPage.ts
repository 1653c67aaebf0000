import { fileURLToPath } from 'node:url'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser.js'
import { serveStatic } from './staticServer.js'

/** The client's self-contained browser build (`packages/client/dist/browser.js`). */
export const clientBundlePath = fileURLToPath(new URL('../../packages/client/dist/browser.js', import.meta.url))

/**
 * For a file's tests: a node, and a plain page (no bundler) that loads the client's browser build as a module
 * into `window.kit` (plus the module code in `script`), open in Chromium.
 */
export function clientPageBed(title: string, options: { script?: string; node?: Partial<Parameters<typeof startNode>[0]> } = {}) {
  let node: StartNodeReturnType | undefined
  let site: Awaited<ReturnType<typeof serveStatic>> | undefined
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined
  beforeAll(async () => {
    node = await startNode({ port: 0, db: ':memory:', ...options.node })
    site = await serveStatic({
      '/': {
        body: `<!doctype html><title>${title}</title><script type="module">
          import * as kit from '/client.js'
          ${options.script ?? ''}
          window.kit = kit
        </script>`,
        type: 'text/html',
      },
      '/client.js': { file: clientBundlePath },
    })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await node?.close()
  })
  return {
    get node() {
      return node!
    },
    get site() {
      return site!
    },
    get browser() {
      return browser!
    },
  }
}
