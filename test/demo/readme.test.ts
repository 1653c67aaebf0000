import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8')

/** The README's guides, each a fenced block right after `<!-- <sample file> -->`. */
const SAMPLES = ['docs/samples/destination.tsx', 'docs/samples/dapp.tsx', 'docs/samples/script-tag.html']

/** The `data-*` attributes of the widget's script tags in an HTML text. */
function widgetAttributes(html: string): string[] {
  const tags = html.match(/<script\b[^>]*xmtp-kit-widget[^>]*>/g) ?? []
  return tags.flatMap((tag) => [...tag.matchAll(/\bdata-([a-z-]+)/g)].map((m) => m[1]!))
}

describe('README', () => {
  test('default: the two commands come first, then the screenshot', () => {
    const readme = read('README.md')
    const firstBlock = readme.match(/```bash\n([\s\S]*?)```/)![1]!
    expect(firstBlock).toMatch(/^npm install && npm start\b/)
    expect(firstBlock.split('\n')[1]).toMatch(/^npm test\b/)
    const screenshot = readme.match(/!\[[^\]]+\]\(([^)]+)\)/)?.[1]
    expect(screenshot).toBe('docs/demo.png')
    expect(readme.indexOf('![')).toBeGreaterThan(readme.indexOf('npm test'))
    expect(existsSync(`${root}${screenshot}`)).toBe(true)
  })

  test('behavior: each guide is a sample file, so npm test type-checks it (tsconfig includes docs/samples)', () => {
    const readme = read('README.md')
    for (const sample of SAMPLES) {
      const block = readme.match(new RegExp(`<!-- ${sample.replaceAll('.', '\\.')} -->\\s*\`\`\`[a-z]+\\n([\\s\\S]*?)\`\`\``))
      expect(block?.[1], `README block for ${sample}`).toBe(read(sample))
    }
    const tsconfig = JSON.parse(read('tsconfig.json')) as { include: string[] }
    expect(tsconfig.include).toContain('docs/samples')
  })

  test('behavior: the script tags (the guide and the demo page) use only attributes the widget reads', () => {
    const config = 'packages/widget/src/config.ts'
    if (!existsSync(`${root}${config}`)) return
    const known = new Set([...read(config).matchAll(/(?:attr|flag)\(script, '([a-z-]+)'\)/g)].map((m) => m[1]!))
    for (const page of ['docs/samples/script-tag.html', 'demo/pages/widget.html']) {
      const used = widgetAttributes(read(page))
      expect(used.length, page).toBeGreaterThan(0)
      expect(used.filter((name) => !known.has(name)), page).toEqual([])
    }
  })
})
