import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

/**
 * Which workspace packages each package may import: arrows point one way only
 * (client ← react ← components ← widget); the node imports none of them.
 */
export const allowedImports: Record<string, readonly string[]> = {
  client: [],
  react: ['client'],
  components: ['react', 'client'],
  widget: ['components', 'react', 'client'],
  node: [],
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry)) yield path
  }
}

/** Every import in `packagesDir/<pkg>/src` and every `@xmtp-kit/*` dependency that breaks the layering. */
export function findBoundaryViolations(packagesDir: string): string[] {
  const violations: string[] = []
  for (const name of readdirSync(packagesDir)) {
    const pkgDir = join(packagesDir, name)
    const src = join(pkgDir, 'src')
    if (!existsSync(src)) continue
    const allowed = allowedImports[name]
    if (!allowed) {
      violations.push(`${name}: unknown package (add it to allowedImports)`)
      continue
    }
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
    for (const field of ['dependencies', 'peerDependencies', 'devDependencies', 'optionalDependencies']) {
      for (const dep of Object.keys(manifest[field] ?? {})) {
        const target = dep.match(/^@xmtp-kit\/(.+)$/)?.[1]
        if (target && !allowed.includes(target)) violations.push(`${name}/package.json: ${field} on ${dep}`)
      }
    }
    for (const file of sourceFiles(src)) {
      // Comments (e.g. `@example` imports in JSDoc) are not imports.
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
      for (const match of text.matchAll(IMPORT)) {
        const specifier = (match[1] ?? match[2] ?? match[3] ?? match[4])!
        const where = relative(packagesDir, file)
        const target = specifier.match(/^@xmtp-kit\/([^/]+)(\/.*)?$/)
        if (target) {
          // A package may import its own main entry by name (extra entry points share its state that way).
          if (target[1] !== name && !allowed.includes(target[1]!)) violations.push(`${where}: imports ${specifier}`)
          else if (target[2]) violations.push(`${where}: reaches into ${specifier} (import the package's index)`)
        } else if (specifier.startsWith('.') && !resolve(file, '..', specifier).startsWith(src)) {
          violations.push(`${where}: relative import ${specifier} leaves the package`)
        }
      }
    }
  }
  return violations
}
