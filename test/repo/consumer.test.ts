/**
 * The packages as a user installs them: `npm pack` of each (after the build), the tarballs unpacked into a
 * consumer app, which Vite builds in variants that import one thing each; the gzip budgets hold. Then
 * publint and arethetypeswrong on every package, and what each tarball holds.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BundleSize, buildVariant, createConsumerApp, packPackages } from '../support/consumerApp.js'
import { consumerVariants } from '../support/consumerVariants.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const PACKAGES = ['client', 'react', 'components', 'widget', 'node'] as const
const packs = mkdtempSync(join(tmpdir(), 'xmtp-kit-packs-'))
let tarballs: Record<string, string>
let app: ReturnType<typeof createConsumerApp>
const sizes: Partial<Record<keyof typeof consumerVariants, BundleSize>> = {}

beforeAll(async () => {
  tarballs = packPackages(packs, PACKAGES)
  app = createConsumerApp({ client: tarballs.client!, react: tarballs.react!, components: tarballs.components! })
  for (const [name, code] of Object.entries(consumerVariants)) sizes[name as keyof typeof consumerVariants] = await buildVariant(app.dir, name, code)
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`
  console.log(
    ['app (Vite, minified, gzip -9)        first load   everything', ...Object.entries(sizes).map(([name, s]) => `${name.padEnd(36)} ${kB(s.initial).padStart(10)} ${kB(s.all).padStart(12)}`)].join('\n'),
  )
}, 180_000)

afterAll(() => {
  app?.remove()
  rmSync(packs, { recursive: true, force: true })
})

describe('the packages in a Vite app', () => {
  test('budget: only ConnectionStatus costs at most 10 kB over the provider alone', () => {
    expect(sizes.connectionStatus!.initial - sizes.provider!.initial).toBeLessThanOrEqual(10_000)
  })

  test('budget: the client\'s isAddress alone is at most 5 kB', () => {
    expect(sizes.isAddress!.initial).toBeLessThanOrEqual(5_000)
  })

  test('behavior: MessageButton loads the Inbox when its dialog first opens, not with the page', () => {
    const { initialModules, initial, all } = sizes.messageButton!
    expect(initialModules.some((id) => id.startsWith('@xmtp-kit/components/dist/MessageButton/'))).toBe(true)
    expect(initialModules.filter((id) => id.startsWith('@xmtp-kit/components/dist/Inbox/'))).toEqual([])
    expect(initial).toBeLessThan(all)
    expect(initial).toBeLessThan(sizes.inbox!.initial)
  })
})

/** arethetypeswrong's problems for a tarball (with the options each package's README explains). */
function typeProblems(tarball: string, options: string[]): Record<string, unknown[]> {
  // It exits 1 when it finds a problem; the JSON on stdout says which.
  const run = spawnSync(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'json', ...options], { encoding: 'utf8' })
  return JSON.parse(run.stdout).problems
}

/**
 * What each package needs from arethetypeswrong, each explained in its README (under a mention of
 * arethetypeswrong): entry points to leave out, and problem kinds to accept (`--ignore-rules` only changes the
 * exit code; the JSON still lists them).
 */
const ATTW: Record<(typeof PACKAGES)[number], { exclude: string[]; accept: { rule: string; kind: string }[] }> = {
  client: { exclude: [], accept: [] },
  react: { exclude: [], accept: [] },
  components: { exclude: ['styles.css'], accept: [] },
  widget: { exclude: ['xmtp-kit-widget.js', 'xmtp-kit-widget-inbox.js'], accept: [{ rule: 'cjs-resolves-to-esm', kind: 'CJSResolvesToESM' }] },
  node: { exclude: [], accept: [] },
}

function remainingProblems(name: (typeof PACKAGES)[number]): Record<string, unknown[]> {
  const { exclude, accept } = ATTW[name]
  const problems = typeProblems(tarballs[name]!, exclude.length > 0 ? ['--exclude-entrypoints', ...exclude] : [])
  return Object.fromEntries(Object.entries(problems).filter(([kind]) => !accept.some((a) => a.kind === kind)))
}

describe.each(PACKAGES)('@xmtp-kit/%s as published', (name) => {
  test('publint: no error or warning', async () => {
    const { messages } = await publint({ pkgDir: join(root, 'packages', name), strict: true })
    expect(messages.filter((m) => m.type !== 'suggestion').map((m) => `${m.type} ${m.code} ${m.path.join('.')}`)).toEqual([])
  })

  test('arethetypeswrong: no problem (any option used is explained in the README)', () => {
    expect(remainingProblems(name)).toEqual({})
    const readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8')
    const { exclude, accept } = ATTW[name]
    if (exclude.length + accept.length > 0) expect(readme).toMatch(/arethetypeswrong/)
    for (const said of [...exclude, ...accept.map((a) => a.rule)]) expect(readme).toContain(said)
  })

  test('tarball: LICENSE, README, package.json and what the exports reach; no sources, no test bundles', () => {
    const files = execFileSync('tar', ['-tzf', tarballs[name]!], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''))
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']))
    expect(files.filter((f) => f.startsWith('src/') || f.includes('/node_modules/') || f === 'dist/browser.js')).toEqual([])
    expect(readFileSync(join(root, 'packages', name, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
    const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({ license: 'MIT', publishConfig: { access: 'public' }, repository: { directory: `packages/${name}` } })
    expect(typeof manifest.homepage).toBe('string')
    expect(typeof manifest.bugs).toBe('string')
    // The kit's own packages are peers of each other (one copy of each in an app), never exact dependencies.
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@xmtp-kit/'))).toEqual([])
  })
})
