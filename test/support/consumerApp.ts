import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Rolldown } from 'vite'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The workspace packages as npm publishes them: `npm pack` of each, after the build. */
export function packPackages(into: string, names: readonly string[]): Record<string, string> {
  const tarballs: Record<string, string> = {}
  for (const name of names) {
    const out = execFileSync('npm', ['pack', '--pack-destination', into, '--silent'], { cwd: join(root, 'packages', name), encoding: 'utf8' })
    tarballs[name] = join(into, out.trim().split('\n').at(-1)!)
  }
  return tarballs
}

/**
 * A consumer app folder with the tarballs installed as npm installs them (each unpacked into its
 * `node_modules/@xmtp-kit/<name>`). It sits under the repository's node_modules/.cache, so what the tarballs
 * depend on (React, Radix, viem…) resolves from the repository's node_modules, as a hoisted install would.
 */
export function createConsumerApp(tarballs: Record<string, string>): { dir: string; remove(): void } {
  const cache = join(root, 'node_modules', '.cache', 'xmtp-kit')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'consumer-'))
  for (const [name, tarball] of Object.entries(tarballs)) {
    const target = join(dir, 'node_modules', '@xmtp-kit', name)
    mkdirSync(target, { recursive: true })
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'])
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface BundleSize {
  /** gzip -9 bytes of the JavaScript a page loads at first: the entry chunk and what it imports statically. */
  initial: number
  /** gzip -9 bytes of every chunk, lazily loaded ones included. */
  all: number
  /** The modules of the initial chunks, as paths from the app's node_modules (`@xmtp-kit/components/dist/…`). */
  initialModules: string[]
}

/** Builds `code` as the app's entry with Vite (production, minified) and measures what it ships. */
export async function buildVariant(app: string, name: string, code: string): Promise<BundleSize> {
  const entry = join(app, `${name}.js`)
  writeFileSync(entry, code)
  const result = (await build({
    root: app,
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, modulePreload: false, rollupOptions: { input: entry } },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[]
  const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output)
  const chunks = new Map(output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]))
  const gz = (chunk: Rolldown.OutputChunk) => gzipSync(chunk.code, { level: 9 }).length
  const initial = new Set<string>()
  const visit = (file: string) => {
    if (initial.has(file)) return
    initial.add(file)
    for (const imported of chunks.get(file)?.imports ?? []) visit(imported)
  }
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName)
  let initialBytes = 0
  let all = 0
  const initialModules: string[] = []
  for (const chunk of chunks.values()) {
    const size = gz(chunk)
    all += size
    if (!initial.has(chunk.fileName)) continue
    initialBytes += size
    initialModules.push(...chunk.moduleIds.map((id) => id.replace(/^.*\/node_modules\//, '')))
  }
  return { initial: initialBytes, all, initialModules }
}

/** Leftover consumer folders of an interrupted run. */
export function removeStaleConsumerApps(): void {
  const cache = join(root, 'node_modules', '.cache', 'xmtp-kit')
  for (const entry of readdirSync(cache, { withFileTypes: true }).filter((e) => e.name.startsWith('consumer-'))) rmSync(join(cache, entry.name), { recursive: true, force: true })
}
