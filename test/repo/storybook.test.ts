import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../support/browser.js'
import { serveStatic } from '../support/staticServer.js'

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
  test('default: builds every story in stories/ into a static site that carries the components’ styles and runs offline in Chromium', async () => {
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

    // The built site works offline in Chromium: the seeded inbox renders, the story's play function sends a
    // message and the reply bot answers, and nothing is fetched from anywhere but the site itself.
    const built = readdirSync(output, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    const site = await serveStatic(Object.fromEntries(built.map((f) => [`/${relative(output, join(f.parentPath, f.name))}`, { file: join(f.parentPath, f.name) }])))
    const browser = await launchBrowser()
    try {
      const elsewhere: string[] = []
      browser.page.on('request', (request) => {
        // `data:` and `blob:` URLs (the image attachment) are made in the page.
        if (!request.url().startsWith(`${site.url}/`) && !/^(data|blob):/.test(request.url())) elsewhere.push(request.url())
      })
      await browser.page.goto(`${site.url}/iframe.html?id=components-inbox--default&viewMode=story`)
      await browser.page.getByRole('list', { name: 'Messages' }).getByText('You said: “See you at 8”').waitFor({ timeout: 60_000 })
      expect(elsewhere).toEqual([])
    } finally {
      await browser.close()
      await site.close()
    }
  }, 240_000)
})
