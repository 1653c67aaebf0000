// `xmtp-kit`: command-line tools over @xmtp-kit/client (Node only). `xmtp-kit broadcast --help` for usage.
import { broadcastUsage, runBroadcastCommand } from './broadcast/cli/broadcastCommand.js'

const usage = `Usage: xmtp-kit <command> [options]

Commands:
  broadcast   send one message to a list of wallets, resumable, with a CSV report

${broadcastUsage}`

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2)
  if (command === undefined || command === '-h' || command === '--help') {
    process.stdout.write(`${usage}\n`)
    return command === undefined ? 2 : 0
  }
  if (command !== 'broadcast') {
    process.stderr.write(`xmtp-kit: unknown command ${JSON.stringify(command)}\n\n${usage}\n`)
    return 2
  }
  // Ctrl-C once: stop starting sends, finish those in flight, write the report. Twice: quit now (the journal
  // still has every send that started).
  const controller = new AbortController()
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130)
    process.stderr.write('\nStopping after the sends in flight (Ctrl-C again to quit now)…\n')
    controller.abort()
  })
  return runBroadcastCommand(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true && process.env.TERM !== 'dumb',
    signal: controller.signal,
  })
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`xmtp-kit: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
