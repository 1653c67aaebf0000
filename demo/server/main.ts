// `npm start [-- options]`: runs the demo until Ctrl-C. See `npm start -- --help`.
import { relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './build.js'
import { type Demo, type DemoStep, startDemo } from './startDemo.js'

const HELP = `npm start [-- options]: the kit in action on a local XMTP node and a local chain

  --port <n>        the demo pages' port (default 3000; a busy port falls back to a free one, 0 takes any)
  --node-port <n>   the XMTP node's port (default 5555, same fallback)
  --host <addr>     the address both listen on (default 127.0.0.1)
  --data-dir <dir>  where the node, the chain and the demo keep their data (default ./.xmtp)
  --reset           wipe that data first: new wallets, a new token, new seeded conversations
  -h, --help        this help
`

const tty = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: string) => (text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text)
const [bold, dim, green, cyan, red] = [paint('1'), paint('2'), paint('32'), paint('36'), paint('31')]
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port number (0-65535), not "${value}".`)
  return n
}

export async function main(argv: string[]): Promise<void> {
  let options
  try {
    options = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'node-port': { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        reset: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    process.stdout.write(HELP)
    return
  }

  const dataDir = resolve(options['data-dir'] ?? resolve(ROOT, '.xmtp'))
  const shownDir = relative(process.cwd(), dataDir) || '.'
  process.stdout.write(`${bold('xmtp-kit demo')} ${dim(`· data in ${shownDir}/${options.reset ? ' (reset)' : ''}`)}\n`)
  const onStep = ({ label, detail, ms }: DemoStep) =>
    process.stdout.write(
      `  ${ms === undefined ? dim('…') : green('✓')} ${label.padEnd(30)} ${dim((ms === undefined ? '' : seconds(ms)).padStart(6))}  ${detail ? dim(detail) : ''}\n`.replace(/ +\n$/, '\n'),
    )

  let demo: Demo | undefined
  let stopping = false
  const starting = new AbortController()
  const stopped = () => {
    process.stdout.write(`${dim('Stopped. The data stays in')} ${shownDir}/ ${dim('for the next start.')}\n`)
    // Keep-alive sockets and ganache's timers would hold the loop a little longer: nothing is left to do.
    process.exit(0)
  }
  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: leave now.
      process.exit(130)
    }
    stopping = true
    process.stdout.write(`\n${dim(`${signal}: stopping…`)}\n`)
    // Still starting: the start undoes what it did, then rejects (below).
    if (!demo) return starting.abort()
    await demo.close()
    stopped()
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  try {
    demo = await startDemo({
      dataDir,
      host: options.host,
      port: port('port', options.port, 3000),
      nodePort: port('node-port', options['node-port'], 5555),
      reset: options.reset,
      signal: starting.signal,
      onStep,
      onError: (error) => process.stderr.write(`${red('error')} ${error.message}\n`),
    })
    if (stopping) {
      await demo.close()
      return stopped()
    }
    const { urls } = demo
    process.stdout.write(
      [
        '',
        `  ${bold('Destination')}  ${cyan(urls.destination)}  ${dim('the full inbox, holders first, theme switch')}`,
        `  ${bold('Dapp')}         ${cyan(urls.dapp)}  ${dim('message buttons and the holders broadcast')}`,
        `  ${bold('Script tag')}   ${cyan(urls.widget)}  ${dim(demo.widget === 'absent' ? 'the widget is not in this checkout' : demo.widget === 'stale' ? 'the widget on a plain HTML page (building…)' : 'the widget on a plain HTML page')}`,
        `  ${dim(`XMTP node ${urls.node} · chain RPC ${urls.rpc}`)}`,
        ...(demo.busyPorts.length > 0 ? [`  ${dim(`Port ${demo.busyPorts.join(' and ')} busy: took free ones.`)}`] : []),
        '',
        `Ready in ${seconds(process.uptime() * 1000)}. ${dim('Ctrl-C stops; `npm start -- --reset` wipes the data.')}`,
        '',
      ].join('\n'),
    )
  } catch (error) {
    if (stopping) return stopped()
    process.stderr.write(`${red('The demo could not start:')} ${(error as Error).message}\n`)
    process.exit(1)
  }
}
