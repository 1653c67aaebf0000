// Builds what the demo serves: its two React pages with esbuild (from the packages' sources, as an app's bundler
// would take them from npm), and the script-tag widget with the repository's rollup build when it is missing or
// older than its sources. Both are skipped when nothing they read has changed.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { type Plugin, build } from 'esbuild'

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '')

/** The pages' entry points, by the name their files get. */
export const PAGE_ENTRIES = { destination: 'demo/pages/destination.tsx', dapp: 'demo/pages/dapp.tsx' } as const

/** `@xmtp-kit/components/styles.css` from the package's source, as the published package maps it to dist. */
const componentsStyles: Plugin = {
  name: 'xmtp-kit-components-styles',
  setup(b) {
    b.onResolve({ filter: /^@xmtp-kit\/components\/styles\.css$/ }, () => ({ path: join(ROOT, 'packages/components/src/styles.css') }))
  },
}

interface Manifest {
  /** Every file the last build read (relative to the repository), with its modification time. */
  inputs: Record<string, number>
}

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs
  } catch {
    return -1
  }
}

/** Whether the pages in `outdir` were built from exactly the files as they are now. */
function pagesUpToDate(outdir: string): boolean {
  const manifestFile = join(outdir, 'manifest.json')
  if (!existsSync(manifestFile)) return false
  try {
    const { inputs } = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
    const files = Object.keys(inputs)
    return files.length > 0 && files.every((file) => mtime(join(ROOT, file)) === inputs[file])
  } catch {
    return false
  }
}

/** Bundles the pages into `outdir` (JS with shared chunks, one stylesheet per page). Resolves `false` when they were up to date. */
export async function buildPages(outdir: string): Promise<boolean> {
  if (pagesUpToDate(outdir)) return false
  rmSync(outdir, { recursive: true, force: true })
  mkdirSync(outdir, { recursive: true })
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: PAGE_ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    tsconfig: join(ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    sourcemap: 'linked',
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [componentsStyles],
    metafile: true,
    outdir,
    logLevel: 'error',
  })
  // The files' times now, not at the start: an edit during the build makes the next start build again.
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, mtime(join(ROOT, file))]))
  writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ inputs } satisfies Manifest))
  return true
}

export const WIDGET_DIST = join(ROOT, 'packages/widget/dist')
export const WIDGET_FILES = ['xmtp-kit-widget.js', 'xmtp-kit-widget-inbox.js'] as const

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : mtime(path))
  }
  return latest
}

/** `absent` (this checkout has no widget), `fresh` (its build is current) or `stale` (it must be built). */
export function widgetStatus(): 'absent' | 'fresh' | 'stale' {
  if (!existsSync(join(ROOT, 'packages/widget/src/launcher.ts'))) return 'absent'
  const built = Math.min(...WIDGET_FILES.map((file) => mtime(join(WIDGET_DIST, file))))
  if (built < 0) return 'stale'
  const sources = Math.max(...['widget', 'components', 'react', 'client'].map((name) => newest(join(ROOT, 'packages', name, 'src'))))
  return sources > built ? 'stale' : 'fresh'
}

/** Builds the widget with the repository's rollup config (`XMTP_KIT_PACKAGES=widget`). `kill()` stops it. */
export function buildWidget(): { done: Promise<void>; kill(): void } {
  const rollup = join(ROOT, 'node_modules/rollup/dist/bin/rollup')
  const child: ChildProcess = spawn(process.execPath, [rollup, '-c', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, XMTP_KIT_PACKAGES: 'widget' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (data) => (stderr += data))
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`The widget build failed (${signal ?? `exit ${code}`}):\n${stderr.trim() || relative(ROOT, rollup)}`)),
    )
  })
  return { done, kill: () => void child.kill('SIGTERM') }
}
