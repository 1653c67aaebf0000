// The Chromium the browser tests drive through Playwright: never a downloaded browser build.
//
// In order: `CHROMIUM_PATH` (when set, it must run), Debian's `/usr/bin/chromium`, then the headless Chromium that
// ships inside the `@sparticuz/chromium` npm package (a devDependency, so `npm install` brings it from the
// registry), unpacked once into node_modules/.cache. `node scripts/chromium.mjs --install` (run by `npm test`
// first) also installs Debian's chromium with apt when none of them runs and it may (root on Debian).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const SYSTEM = '/usr/bin/chromium'

/** What to do when no browser can be had, in one line. */
export const NO_BROWSER =
  'No usable Chromium for the browser tests: install Debian\'s (apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.'

/** The version line a binary prints, or `undefined` when it does not start (missing libraries, wrong platform). */
export function chromiumVersion(path) {
  if (!existsSync(path)) return undefined
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  const line = run.stdout?.split('\n').find((l) => /Chrom(e|ium)/.test(l))
  return run.status === 0 && line ? line.trim() : undefined
}

/** The npm-shipped headless Chromium, unpacked into node_modules/.cache on first use (`undefined` if not installed). */
export function unpackNpmChromium() {
  const pkgDir = join(root, 'node_modules', '@sparticuz', 'chromium')
  if (!existsSync(join(pkgDir, 'package.json'))) return undefined
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  const target = join(root, 'node_modules', '.cache', 'xmtp-kit', `chromium-${version}`, 'chromium')
  if (existsSync(target)) return target
  const packed = join(pkgDir, 'bin', 'chromium.br')
  if (!existsSync(packed)) return undefined
  mkdirSync(dirname(target), { recursive: true })
  // Written aside, then renamed: two processes unpacking at once never see half a binary.
  const partial = `${target}.${process.pid}.partial`
  writeFileSync(partial, brotliDecompressSync(readFileSync(packed)), { mode: 0o755 })
  renameSync(partial, target)
  return target
}

/**
 * The first Chromium that runs, as `{ path, version, source }`, or `undefined`. A `CHROMIUM_PATH` that does not
 * run is an error rather than a reason to look elsewhere: the person who set it meant that one.
 */
export function findChromium() {
  const chosen = process.env.CHROMIUM_PATH
  if (chosen) {
    const version = chromiumVersion(chosen)
    if (!version) throw new Error(`CHROMIUM_PATH=${chosen} does not run (${existsSync(chosen) ? 'it fails to start' : 'no such file'}). ${NO_BROWSER}`)
    return { path: chosen, version, source: 'CHROMIUM_PATH' }
  }
  const system = chromiumVersion(SYSTEM)
  if (system) return { path: SYSTEM, version: system, source: "Debian's chromium" }
  const shipped = unpackNpmChromium()
  const version = shipped && chromiumVersion(shipped)
  if (version) return { path: shipped, version, source: '@sparticuz/chromium from npm' }
  return undefined
}

/**
 * The path the browser tests launch. Resolved once per run: the result goes into `CHROMIUM_PATH`, which the test
 * workers inherit. Throws {@link NO_BROWSER} when there is none.
 */
export function chromiumPath() {
  const found = findChromium()
  if (!found) throw new Error(NO_BROWSER)
  process.env.CHROMIUM_PATH = found.path
  return found.path
}

function isDebian() {
  return existsSync('/etc/debian_version') && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

/**
 * Finds a Chromium, or installs Debian's when `install` is set and it may (root on Debian); prints which one it
 * uses. Exits the process with one line saying what to install when there is none.
 */
export function ensureChromium({ install = false } = {}) {
  let found
  try {
    found = findChromium()
  } catch (error) {
    console.error(error.message)
    process.exit(1)
  }
  if (!found && install && process.getuid?.() === 0 && isDebian()) {
    console.log("No usable Chromium found: installing Debian's chromium with apt-get (root on Debian).")
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const ok =
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env }).status === 0 &&
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env }).status === 0
    if (ok) found = findChromium()
  }
  if (!found) {
    console.error(NO_BROWSER)
    process.exit(1)
  }
  process.env.CHROMIUM_PATH = found.path
  console.log(`Chromium for the browser tests: ${found.version} (${found.source}, ${found.path})`)
  return found
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureChromium({ install: process.argv.includes('--install') })
