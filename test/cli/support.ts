import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createClient, createPrivateKeyBundle, encodePrivateKeyBundle, toSigner, type Transport } from '@xmtp-kit/client'
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'

export const root = fileURLToPath(new URL('../..', import.meta.url))

/** The client's CLI from source, as `node --import tsx packages/client/src/cli.ts …`. */
export const cliCommand = [process.execPath, '--import', 'tsx', 'packages/client/src/cli.ts'] as const

export interface CliRun {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string>
}

/** Runs `xmtp-kit <args>` in a child process with pipes (so stderr is no terminal). */
export function runCli(args: readonly string[], { env }: { env?: NodeJS.ProcessEnv } = {}): CliRun {
  const child = spawn(cliCommand[0], [...cliCommand.slice(1), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  return collect(child)
}

/**
 * Runs `xmtp-kit <args>` on a pseudo-terminal (util-linux `script`), so that the CLI's stderr is a real TTY.
 * Both streams come back in `stdout`, as a terminal shows them.
 */
export function runCliOnTerminal(args: readonly string[]): CliRun {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`
  const command = [...cliCommand, ...args].map(quote).join(' ')
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm' } })
  return collect(child)
}

function collect(child: ChildProcess): CliRun {
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? -1)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Runs `fn(i)` for i in [0, n) with at most `concurrency` calls in flight. */
export async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n)
  let next = 0
  const worker = async () => {
    while (next < n) {
      const i = next++
      out[i] = await fn(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
  return out
}

export interface Identity {
  address: string
  /** The wallet (a viem local account). */
  account: PrivateKeyAccount
  /** Exported keys (`Client.getKeys` format). */
  keys: Uint8Array
}

/** A wallet with an XMTP identity on the network: keys made locally, the contact bundle published. */
export async function createIdentity(transport: Transport): Promise<Identity> {
  const account = privateKeyToAccount(generatePrivateKey())
  const keys = encodePrivateKeyBundle(await createPrivateKeyBundle(toSigner(account)))
  await createClient({ keys, transport })
  return { address: account.address, account, keys }
}

/** A wallet that never joined XMTP. */
export const stranger = () => privateKeyToAccount(generatePrivateKey()).address
