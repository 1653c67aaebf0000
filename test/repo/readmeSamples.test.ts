/**
 * Every TypeScript sample in a package README compiles under the project's strict settings, against the
 * packages' sources: each fenced `ts` / `tsx` block is type-checked as a module of its own (in memory).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const PACKAGES = ['client', 'react', 'components', 'widget', 'node']

/** The README's ts/tsx blocks as virtual files beside it (`packages/<name>/README.sample-<n>.tsx`). */
function samples(name: string): Map<string, string> {
  const readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/^```(tsx?)\n([\s\S]*?)^```/gm)]
  return new Map(blocks.map((block, i) => [join(root, 'packages', name, `README.sample-${i + 1}.${block[1]}`), `${block[2]}\nexport {}\n`]))
}

describe('package README samples', () => {
  test('behavior: every ts/tsx block of every package README type-checks under strict settings', () => {
    const virtual = new Map(PACKAGES.flatMap((name) => [...samples(name)]))
    expect(virtual.size).toBeGreaterThan(15)
    // What a bundler-based app declares for stylesheet imports (Vite's client types do the same).
    const env = join(root, 'packages', 'README.samples.d.ts')
    const roots = [...virtual.keys(), env]
    virtual.set(env, "declare module '*.css'\n")
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root)
    const host = ts.createCompilerHost(options)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (file, language, onError) =>
      virtual.has(file) ? ts.createSourceFile(file, virtual.get(file)!, language, true) : getSourceFile(file, language, onError)
    const fileExists = host.fileExists.bind(host)
    host.fileExists = (file) => virtual.has(file) || fileExists(file)
    const program = ts.createProgram(roots, options, host)
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && virtual.has(d.file.fileName))
    const report = diagnostics.map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0)
      return `${d.file!.fileName.slice(root.length)}:${line + 1} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
    })
    expect(report).toEqual([])
  }, 120_000)
})
