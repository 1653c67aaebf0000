import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { findBoundaryViolations } from '../support/boundaries.js'

const fixture = mkdtempSync(join(tmpdir(), 'xmtp-kit-boundaries-'))
afterAll(() => rmSync(fixture, { recursive: true, force: true }))

function writePackage(name: string, files: Record<string, string>, deps: Record<string, string> = {}) {
  mkdirSync(join(fixture, name, 'src'), { recursive: true })
  writeFileSync(join(fixture, name, 'package.json'), JSON.stringify({ name: `@xmtp-kit/${name}`, dependencies: deps }))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(fixture, name, 'src', file), text)
}

describe('findBoundaryViolations', () => {
  test('default: the workspace packages respect client ← react ← components ← widget, node alone', () => {
    expect(findBoundaryViolations(fileURLToPath(new URL('../../packages', import.meta.url)))).toEqual([])
  })

  test('behavior: reports upward imports, deep imports, escaping relative imports and dependencies', () => {
    writePackage('client', { 'index.ts': "import { useStore } from '@xmtp-kit/react'\nexport const x = 1\n" })
    writePackage('react', {
      'index.ts': "export { a } from '@xmtp-kit/client/src/a'\nimport '../../node/src/x'\nconst c = await import('@xmtp-kit/components')\n",
    })
    writePackage('node', { 'index.ts': "const n = require('@xmtp-kit/client')\n" }, { '@xmtp-kit/client': '0.1.0' })
    writePackage('components', {
      'index.ts': "import { useStore } from '@xmtp-kit/react'\nimport type { X } from '@xmtp-kit/client'\n/** @example import { Inbox } from '@xmtp-kit/widget' */\n// import '@xmtp-kit/widget'\n",
    })
    expect(findBoundaryViolations(fixture).sort()).toEqual(
      [
        'client/src/index.ts: imports @xmtp-kit/react',
        'react/src/index.ts: reaches into @xmtp-kit/client/src/a (import the package\'s index)',
        'react/src/index.ts: relative import ../../node/src/x leaves the package',
        'react/src/index.ts: imports @xmtp-kit/components',
        'node/package.json: dependencies on @xmtp-kit/client',
        'node/src/index.ts: imports @xmtp-kit/client',
      ].sort(),
    )
  })
})
