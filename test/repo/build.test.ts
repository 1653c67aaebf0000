import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The packages were built by test/support/globalSetup.ts (`rollup -c`, which must print nothing on stderr).
describe('rollup build', () => {
  test('behavior: @xmtp-kit/node ships ESM, CJS and types that run in plain Node', async () => {
    const dist = join(root, 'packages/node/dist')
    const esm = await import(pathToFileURL(join(dist, 'index.js')).href)
    const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs'))
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort())
    expect(readFileSync(join(dist, 'index.d.ts'), 'utf8')).toMatch(/declare function startNode\(/)

    // The CJS build starts a real node, and its publish authentication (protobuf + crypto) loads.
    const node = await cjs.startNode({ port: 0, db: ':memory:' })
    try {
      const response = await fetch(`${node.url}/message/v1/publish`, {
        method: 'POST',
        headers: { Authorization: 'Bearer AAAA' },
        body: JSON.stringify({ envelopes: [{ contentTopic: '/xmtp/0/m-x/proto', timestampNs: '1', message: 'AQ==' }] }),
      })
      expect(response.status).toBe(401)
    } finally {
      await node.close()
    }
  })

  test('behavior: @xmtp-kit/client ships ESM, CJS, types and a wasm entry that run in plain Node', async () => {
    const dist = join(root, 'packages/client/dist')
    const esm = await import(pathToFileURL(join(dist, 'index.js')).href)
    const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs'))
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort())
    expect(typeof esm.createClient).toBe('function')
    expect(readFileSync(join(dist, 'index.d.ts'), 'utf8')).toMatch(/declare function createClient\(/)
    // @xmtp/proto is inlined (its own ESM build does not load in Node): encoding works from the ESM build.
    expect(esm.getAddress('0xd2431ca38735c2fd438e2caa23f094191d89675b')).toBe('0xd2431CA38735C2fd438e2cAa23F094191D89675b')
    const wasm = await import(pathToFileURL(join(dist, 'wasm.js')).href)
    expect((await wasm.wasmSecp256k1Backend()).name).toBe('wasm')
  })

  test('behavior: @xmtp-kit/react ships ESM, CJS and types that load in plain Node, its entries marked "use client"', async () => {
    const dist = join(root, 'packages/react/dist')
    const esm = await import(pathToFileURL(join(dist, 'index.js')).href)
    const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs'))
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort())
    expect(typeof esm.useConversations).toBe('function')
    expect(readFileSync(join(dist, 'index.d.ts'), 'utf8')).toMatch(/declare function useMessages\(/)
    for (const file of ['index.js', 'index.cjs', 'wagmi.js', 'wagmi.cjs']) expect(readFileSync(join(dist, file), 'utf8')).toMatch(/^"use client";/)
    // React stays external: the package never bundles its own copy (ESM: one module per source file).
    expect(readFileSync(join(dist, 'XMTPProvider.js'), 'utf8')).toMatch(/from 'react\/jsx-runtime'/)
    expect(readFileSync(join(dist, 'index.cjs'), 'utf8')).toMatch(/require\('react\/jsx-runtime'\)/)
    expect(existsSync(join(dist, 'vendor'))).toBe(false)
    expect(typeof (await import(pathToFileURL(join(dist, 'wagmi.js')).href)).useSignerFromWagmi).toBe('function')
  })

  // `npm start` runs the whole demo around the node (test/e2e/demo.test.ts); the built CLI also runs alone.
  test('behavior: the built node CLI prints its URL and stops cleanly on SIGINT', async () => {
    const child = spawn('node', ['packages/node/dist/cli.js', '--port', '0', '--db', join(dir, 'start.db')], { cwd: root })
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d) => {
        out += d
        const match = out.match(/listening on (http:\/\/\S+)/)
        if (match) resolve(match[1]!)
      })
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
    })
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  }, 60_000)
})
