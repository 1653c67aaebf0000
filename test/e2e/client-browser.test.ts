import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { clientBundlePath, clientPageBed } from '../support/clientPage.js'
import { createCountingWallet } from '../support/wallets.js'

const { Client } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')

const bed = clientPageBed('client')

describe('@xmtp-kit/client browser build', () => {
  test('behavior: the bundle is self-contained and uses no Node built-ins', () => {
    const code = readFileSync(clientBundlePath, 'utf8')
    expect(code).not.toMatch(/^\s*import\s[^;]*?from\s*['"]/m)
    expect(code).not.toMatch(/\bimport\(\s*['"]/)
    expect(code).not.toMatch(/['"]node:[a-z_]+['"]/)
    expect(code).not.toMatch(/require\(\s*['"](crypto|buffer|fs|path|os|http|https|stream|util|events|net|tls|zlib)['"]\s*\)/)
  })

  test('behavior: in Chromium, creates an identity on the node that the official SDK can then message', async () => {
    const wallet = createCountingWallet()
    const { page } = bed.browser
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    // The wallet stays in the test process: the page asks it to sign, as it would ask an extension.
    await page.exposeFunction('walletSignMessage', (message: string) => wallet.signMessage(message))
    await page.goto(bed.site.url)
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
      { nodeUrl: bed.node.url, address: wallet.address },
    )
    expect(errors).toEqual([])
    expect(result).toEqual({ address: wallet.address, selfReachable: true, hasBuffer: false })
    expect(wallet.signatures).toBe(2)
    expect(await Client.canMessage(wallet.address, { apiUrl: bed.node.url })).toBe(true)
  })
})
