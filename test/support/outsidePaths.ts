import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path'

/** Folders that are not part of the project's own files (installed, built or written by a run). */
const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage', 'storybook-static', '.xmtp', 'test-results', 'results'])
const TEXT = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.md', '.html', '.css', '.sh', '.yml', '.yaml', '.sol'])

/** A relative path at the start of a token (`'../x'`, `(../x)`, ` ../x`), not inside an absolute one (`/a/../b`). */
const RELATIVE = /(?<=^|['"`(\s=:,\[])(?:\.\.\/)+[^\s'"`)\],;]*/g
/** The workplace around a checkout: its shared notes and the folder it lives in. */
const WORKPLACE = /(?<![\w.-])\/work\/|(?<![\w-])shared\/(?:protocol|TOOLCHAIN|PERFORMANCE|STYLE|hooks)\b/g

/**
 * Every place in a file's text that names a path outside the repository: a relative path that climbs above
 * `root` from the file's folder, or a path into the workplace beside the checkout.
 */
export function findOutsidePaths(root: string, file: string, text: string): string[] {
  const found: string[] = []
  const lines = text.split('\n')
  lines.forEach((line, index) => {
    const where = `${relative(root, file)}:${index + 1}`
    const before = found.length
    for (const match of line.matchAll(RELATIVE)) {
      const target = relative(root, resolve(dirname(file), match[0]))
      if (target.startsWith('..') || isAbsolute(target)) found.push(`${where}: ${match[0]} leaves the repository`)
    }
    if (found.length > before) return
    for (const match of line.matchAll(WORKPLACE)) found.push(`${where}: ${match[0]} is outside the repository`)
  })
  return found
}

function* projectFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) yield* projectFiles(path)
    else if (TEXT.has(extname(entry)) || entry === 'run') yield path
  }
}

/** `findOutsidePaths` over every text file of the project under `root` (lock files aside: they name packages, not paths). */
export function findOutsidePathsIn(root: string): string[] {
  const found: string[] = []
  for (const file of projectFiles(root)) {
    if (file.endsWith('package-lock.json')) continue
    found.push(...findOutsidePaths(root, file, readFileSync(file, 'utf8')))
  }
  return found
}
