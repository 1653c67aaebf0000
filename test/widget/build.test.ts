/**
 * The widget's built files (rollup.config.mjs, run by test/support/globalSetup.ts): their gzip sizes against
 * the budget, what a strict Content-Security-Policy forbids (eval, new Function, WebAssembly), and what the wallet
 * connection brings in.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'

const dist = (file: string) => fileURLToPath(new URL(`../../packages/widget/dist/${file}`, import.meta.url))
const read = (file: string) => readFileSync(dist(file), 'utf8')
const gzipBytes = (file: string) => gzipSync(readFileSync(dist(file)), { level: 9 }).length

/** Budgets in bytes of gzip -9 output (1 kB = 1,000 B). */
const LAUNCHER_BUDGET = 8_000
/** The inbox chunk, its React-compatible runtime (Preact's compat layer) included. */
const INBOX_BUDGET = 150_000

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

describe('widget build', () => {
  test('behavior: the launcher is at most 8 kB gzip and holds no dependency (no React)', () => {
    const size = gzipBytes('xmtp-kit-widget.js')
    console.log(`widget launcher: ${readFileSync(dist('xmtp-kit-widget.js')).length} B minified, ${size} B gzip -9 (${kB(size)}; budget ${kB(LAUNCHER_BUDGET)})`)
    expect(size).toBeLessThanOrEqual(LAUNCHER_BUDGET)
    const { sources } = JSON.parse(read('xmtp-kit-widget.js.map')) as { sources: string[] }
    expect(sources.filter((source) => !source.startsWith('../src/'))).toEqual([])
  })

  test('behavior: the inbox chunk is at most 150 kB gzip, its React runtime (Preact compat) and styles included', () => {
    const size = gzipBytes('xmtp-kit-widget-inbox.js')
    console.log(`widget inbox chunk: ${readFileSync(dist('xmtp-kit-widget-inbox.js')).length} B minified, ${size} B gzip -9 (${kB(size)}; budget ${kB(INBOX_BUDGET)})`)
    expect(size).toBeLessThanOrEqual(INBOX_BUDGET)
    // The components' stylesheet travels inside the chunk (no fetch at run time), and so does the runtime:
    // Preact's compat layer, not react-dom.
    const code = read('xmtp-kit-widget-inbox.js')
    expect(code).toContain('.xk-inbox')
    const { sources } = JSON.parse(read('xmtp-kit-widget-inbox.js.map')) as { sources: string[] }
    expect(sources.some((source) => source.includes('/preact/'))).toBe(true)
    expect(sources.filter((source) => /\/node_modules\/(react|react-dom|scheduler)\//.test(source))).toEqual([])
  })

  test("behavior: the wallet goes through wagmi's injected connector and EIP-6963 discovery, with no RPC transport and no wallet SDK in the chunk", () => {
    const { sources } = JSON.parse(read('xmtp-kit-widget-inbox.js.map')) as { sources: string[] }
    expect(sources.some((source) => source.endsWith('/@wagmi/core/dist/esm/connectors/injected.js'))).toBe(true)
    expect(sources.some((source) => source.endsWith('/mipd/dist/esm/store.js'))).toBe(true)
    // Signing goes through the wallet's provider (viem's `custom` transport); nothing could call an RPC URL.
    expect(sources.filter((source) => /\/viem\/_esm\/clients\/transports\/(http|webSocket|fallback)\.js$/.test(source))).toEqual([])
    expect(sources.filter((source) => /\/node_modules\/(@wagmi\/connectors|@metamask|@walletconnect|@reown|@coinbase|@base-org|@safe-global|porto)\//.test(source))).toEqual([])
  })

  test('behavior: both files are classic scripts that need no eval, new Function, WebAssembly or import at run time', () => {
    for (const file of ['xmtp-kit-widget.js', 'xmtp-kit-widget-inbox.js']) {
      const code = read(file)
      expect(code, file).not.toMatch(/\beval\s*\(/)
      expect(code, file).not.toMatch(/\bnew\s+Function\s*\(/)
      expect(code, file).not.toMatch(/\bFunction\s*\(\s*["'`]/)
      expect(code, file).not.toMatch(/\bset(Timeout|Interval)\s*\(\s*["'`]/)
      expect(code, file).not.toMatch(/\bWebAssembly\b/)
      expect(code, file).not.toMatch(/^\s*(import|export)\s[^;]*?(from\s*)?['"]/m)
    }
    // The one dynamic import left is the client's Node-only WebAssembly backend, behind a Node check.
    expect(read('xmtp-kit-widget-inbox.js').match(/\bimport\(/g) ?? []).toHaveLength(1)
    expect(read('xmtp-kit-widget.js')).not.toMatch(/\bimport\(/)
  })

  test('behavior: the types of the JS API ship as one .d.ts', () => {
    const types = read('xmtp-kit-widget.d.ts')
    expect(types).toMatch(/interface XMTPKitAPI\b/)
    expect(types).toMatch(/XMTPKit\?: XMTPKitAPI/)
  })
})
