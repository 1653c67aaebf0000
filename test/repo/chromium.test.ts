import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { chromiumVersion, findChromium, NO_BROWSER } from '../../scripts/chromium.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'xmtp-kit-chromium-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const node = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = root) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 })

describe('findChromium', () => {
  test('default: finds a Chromium that runs (the one the browser suites use)', () => {
    const found = findChromium()
    expect(found).toBeDefined()
    expect(chromiumVersion(found!.path)).toMatch(/^(Chromium|Google Chrome|HeadlessChrome)\b.* \d+\.\d+/)
  })

  test('parameters: CHROMIUM_PATH that does not run stops with one line, and npm test stops with it at once', () => {
    const missing = join(scratch, 'no-such-chromium')
    const direct = node(['scripts/chromium.mjs'], { CHROMIUM_PATH: missing })
    expect(direct.status).toBe(1)
    expect(direct.stderr.trim().split('\n')).toEqual([`CHROMIUM_PATH=${missing} does not run (no such file). ${NO_BROWSER}`])
    const started = Date.now()
    const npmTest = node(['scripts/test.mjs'], { CHROMIUM_PATH: missing })
    expect(npmTest.status).toBe(1)
    expect(npmTest.stderr.trim().split('\n')).toHaveLength(1)
    expect(npmTest.stdout).not.toMatch(/RUN|Test Files/)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  test('behavior: with neither Debian\'s nor the npm-shipped one, it says in one line what to install', () => {
    // The script in a checkout without node_modules: nothing shipped on npm to fall back on.
    mkdirSync(join(scratch, 'scripts'))
    copyFileSync(join(root, 'scripts/chromium.mjs'), join(scratch, 'scripts/chromium.mjs'))
    const run = node(['scripts/chromium.mjs'], { CHROMIUM_PATH: '' }, scratch)
    if (chromiumVersion('/usr/bin/chromium')) {
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(/Debian's chromium, \/usr\/bin\/chromium/)
    } else {
      expect(run.status).toBe(1)
      expect(run.stderr.trim().split('\n')).toEqual([NO_BROWSER])
    }
  })
})
