import { parseArgs } from 'node:util'
import { startNode } from './startNode.js'

const usage = `Usage: xmtp-kit-node [options]

  --port <n>              HTTP port (0 picks a free one)        default 5555
  --host <addr>           interface to listen on                default 127.0.0.1
  --db <file|:memory:>    SQLite database                       default ./.xmtp/node.db
  --sync <normal|full>    full = fsync every commit             default normal
  --no-auth               accept publishes without an auth token
  --no-rate-limit         turn the per-IP token buckets off
  --privileged <addr>     wallet allowed to publish to any restricted topic (repeatable)
  -h, --help`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5555' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string', default: '.xmtp/node.db' },
      sync: { type: 'string', default: 'normal' },
      'no-auth': { type: 'boolean', default: false },
      'no-rate-limit': { type: 'boolean', default: false },
      privileged: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`--port must be 0-65535, got ${values.port}`)
  if (values.sync !== 'normal' && values.sync !== 'full') throw new TypeError(`--sync must be normal or full`)

  const node = await startNode({
    port,
    host: values.host,
    db: values.db,
    synchronous: values.sync,
    auth: values['no-auth'] ? false : { privilegedAddresses: values.privileged },
    rateLimit: values['no-rate-limit'] ? false : undefined,
  })
  console.log(`xmtp-kit node listening on ${node.url} (db: ${values.db})`)

  const stop = (signal: string) => {
    console.log(`xmtp-kit node: ${signal}, closing`)
    void node.close().then(() => process.exit(0))
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`xmtp-kit node: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
