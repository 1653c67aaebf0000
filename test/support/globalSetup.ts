import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Builds every package once before the tests that load built files (browser bundles, dist, the CLI). */
export default function setup(): void {
  // For quick local iterations on tests that do not load built files; CI and `npm test` always build.
  if (process.env.XMTP_KIT_SKIP_BUILD === '1') return
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const build = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0 || build.stderr.trim() !== '') {
    throw new Error(`rollup -c failed (exit ${build.status}):\n${build.stderr}`)
  }
}
