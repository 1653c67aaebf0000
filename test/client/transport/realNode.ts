import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startNode } from '@xmtp-kit/node'
import type { Transport } from '../../../packages/client/src/transport/types.js'
import type { ConformanceSetup } from './conformance.js'

export const quiet = { rateLimit: false, onError: () => {} } as const
/** Retries and reconnections without the production delays. */
export const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 }, reconnect: { baseDelayMs: 20, maxDelayMs: 200 } }

/**
 * A conformance setup on the real node (in-process, auth off, SQLite file in a temp folder), restartable on the
 * same port and database: `transport(url)` makes the transport under test.
 */
export async function realNodeSetup(transport: (url: string) => Transport): Promise<ConformanceSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-transport-'))
  const db = join(dir, 'node.db')
  let node = await startNode({ port: 0, db, auth: false, ...quiet })
  const port = node.port
  return {
    transport: transport(`${node.url}/`),
    async teardown() {
      await node.close()
      rmSync(dir, { recursive: true, force: true })
    },
    async restart() {
      await node.close()
      node = await startNode({ port, db, auth: false, ...quiet })
    },
  }
}
