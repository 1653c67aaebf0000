// `npm test`: a Chromium for the browser suites first (scripts/chromium.mjs), then the type-check and every
// vitest project side by side. Arguments go to vitest (`npm test -- --project node`); the type-check always runs.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ensureChromium } from './chromium.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const started = Date.now()
ensureChromium({ install: true })

/** Runs a command from node_modules/.bin; resolves with its exit code and, when `quiet`, what it printed. */
function run(command, args, { quiet = false } = {}) {
  const child = spawn(`${root}node_modules/.bin/${command}`, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })))
}

// tsc prints only when it fails; its output waits until vitest is done so the two never interleave.
const typecheck = run('tsc', ['--noEmit', '-p', 'tsconfig.json'], { quiet: true }).then((result) => ({ ...result, seconds: (Date.now() - started) / 1000 }))
const tests = await run('vitest', ['run', ...process.argv.slice(2)])
const types = await typecheck
if (types.code !== 0) process.stdout.write(`\nType-check failed:\n${types.output}`)
else console.log(`Type-check passed (${types.seconds.toFixed(0)} s).`)
console.log(`npm test took ${((Date.now() - started) / 1000).toFixed(0)} s.`)
process.exit(tests.code !== 0 || types.code !== 0 ? 1 : 0)
