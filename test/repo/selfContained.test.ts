import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { findOutsidePaths, findOutsidePathsIn } from '../support/outsidePaths.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
// The paths this guard refuses, assembled so that this file does not contain them itself.
const workplace = `/${['wo', 'rk'].join('')}/`
const workplaceNotes = ['sha', 'red'].join('')
const outsideVectors = `${'../'.repeat(3)}${workplaceNotes}/protocol/xmtp-v2-vectors.json`

describe('findOutsidePathsIn', () => {
  test('default: no file of the project reads or names a path outside the repository', () => {
    expect(findOutsidePathsIn(root)).toEqual([])
  })
})

describe('findOutsidePaths', () => {
  test('behavior: a relative path that climbs above the repository is reported, one inside it is not', () => {
    const text = [
      `readFileSync(new URL('${outsideVectors}', import.meta.url))`,
      "readFileSync(new URL('../fixtures/xmtp-v2-vectors.json', import.meta.url))",
      "import { x } from '../../packages/client/src/index.js'",
    ].join('\n')
    expect(findOutsidePaths(root, join(root, 'test/support/vectors.ts'), text)).toEqual([
      `test/support/vectors.ts:1: ${outsideVectors} leaves the repository`,
    ])
  })

  test('behavior: paths into the workplace beside the checkout are reported wherever they appear', () => {
    const text = `See \`${workplace}${workplaceNotes}/PERFORMANCE.md\`.\nthe versions in ${workplaceNotes}/TOOLCHAIN.md\n`
    expect(findOutsidePaths(root, join(root, 'docs/benchmarks.md'), text)).toEqual([
      `docs/benchmarks.md:1: ${workplace} is outside the repository`,
      `docs/benchmarks.md:1: ${workplaceNotes}/PERFORMANCE is outside the repository`,
      `docs/benchmarks.md:2: ${workplaceNotes}/TOOLCHAIN is outside the repository`,
    ])
  })

  test('behavior: a path that only looks relative inside a URL or an absolute path is not a file of ours', () => {
    const text = "fetch('/../../../../etc/passwd')\nconst u = 'http://h/a/../../b'\nimport './shared/demo.css'\n"
    expect(findOutsidePaths(root, join(root, 'demo/pages/x.tsx'), text)).toEqual([])
  })
})
