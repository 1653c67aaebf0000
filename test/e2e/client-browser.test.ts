import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../support/browser.js'
import { serveStatic } from '../support/staticServer.js'
import { createCountingWallet } from '../support/wallets.js'

const { Client } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')
const bundlePath = fileURLToPath(new URL('../../packages/client/dist/browser.js', import.meta.url))

let node: StartNodeReturnType
let site: Awaited<ReturnType<typeof serveStatic>>
let browser: Awaited<ReturnType<typeof launchBrowser>>

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  site = await serveStatic({
    // A plain page loading the browser build as a module, as a site without a bundler would.
    '/': {
      body: `<!doctype html><title>client</title><script type="module">
        import * as kit from '/client.js'
        window.kit = kit
      </script>`,
      type: 'text/html',
    },
    '/client.js': { file: bundlePath },
  })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
  await node?.close()
})

describe('@xmtp-kit/client browser build', () => {
  test('behavior: the bundle is self-contained and uses no Node built-ins', () => {
    const code = readFileSync(bundlePath, 'utf8')
    expect(code).not.toMatch(/^\s*import\s[^;]*?from\s*['"]/m)
    expect(code).not.toMatch(/\bimport\(\s*['"]/)
    expect(code).not.toMatch(/['"]node:[a-z_]+['"]/)
    expect(code).not.toMatch(/require\(\s*['"](crypto|buffer|fs|path|os|http|https|stream|util|events|net|tls|zlib)['"]\s*\)/)
  })

  test('behavior: in Chromium, creates an identity on the node that the official SDK can then message', async () => {
    const wallet = createCountingWallet()
    const { page } = browser
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    // The wallet stays in the test process: the page asks it to sign, as it would ask an extension.
    await page.exposeFunction('walletSignMessage', (message: string) => wallet.signMessage(message))
    await page.goto(site.url)
    await page.waitForFunction(() => (window as any).kit !== undefined)
    const result = await page.evaluate(
      async ({ nodeUrl, address }) => {
        const kit = (window as any).kit
        const signer = { getAddress: () => address, signMessage: (m: string) => (window as any).walletSignMessage(m) }
        const client = await kit.createClient({ signer, transport: kit.httpTransport({ url: nodeUrl }) })
        return {
          address: client.address,
          selfReachable: await client.canMessage(address),
          hasBuffer: typeof (globalThis as any).Buffer !== 'undefined',
        }
      },
      { nodeUrl: node.url, address: wallet.address },
    )
    expect(errors).toEqual([])
    expect(result).toEqual({ address: wallet.address, selfReachable: true, hasBuffer: false })
    expect(wallet.signatures).toBe(2)
    expect(await Client.canMessage(wallet.address, { apiUrl: node.url })).toBe(true)
  })
})
