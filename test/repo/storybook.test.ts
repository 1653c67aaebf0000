import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const output = mkdtempSync(join(tmpdir(), 'xmtp-kit-storybook-'))
afterAll(() => rmSync(output, { recursive: true, force: true }))

interface IndexEntry {
  type: 'story' | 'docs'
  importPath: string
  exportName?: string
}

/** The story exports of a CSF file: `export const Name: Story = …`. */
const storyExports = (text: string) => [...text.matchAll(/^export const (\w+)\s*(?::\s*\w+)?\s*=/gm)].map((m) => m[1]!).sort()

describe('storybook build', () => {
  test('default: builds every story in stories/ into a static site that carries the components’ styles', async () => {
    // `npm run build-storybook` does the same into storybook-static/.
    await promisify(execFile)('npx', ['storybook', 'build', '--quiet', '--output-dir', output], {
      cwd: root,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
      maxBuffer: 16 * 1024 * 1024,
    })

    const index = JSON.parse(readFileSync(join(output, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }
    const entries = Object.values(index.entries).filter((e) => e.type === 'story')
    const files = readdirSync(join(root, 'stories')).filter((f) => f.endsWith('.stories.tsx'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const built = entries.filter((e) => e.importPath === `./stories/${file}`).map((e) => e.exportName!)
      expect(built.sort(), file).toEqual(storyExports(readFileSync(join(root, 'stories', file), 'utf8')))
    }

    expect(readFileSync(join(output, 'iframe.html'), 'utf8')).toContain('<div id="storybook-root">')
    const css = readdirSync(join(output, 'assets'))
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(join(output, 'assets', f), 'utf8'))
      .join('\n')
    expect(css).toContain('@layer xk')
    expect(css).toContain('.xk-root[data-theme=dark]')
  }, 240_000)
})
