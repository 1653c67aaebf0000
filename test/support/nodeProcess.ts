import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface NodeProcess {
  url: string
  port: number
  child: ChildProcess
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>
}

/**
 * Runs the node's CLI from source in a child process and waits for its startup line. `wrap` runs it under
 * another command, e.g. `['prlimit', '--nofile=2048']` (which execs the node: the pid stays the node's).
 */
export function spawnNode(args: string[], { wrap = [] }: { wrap?: string[] } = {}): Promise<NodeProcess> {
  const command = [...wrap, process.execPath, '--import', 'tsx', 'packages/node/src/cli.ts', ...args]
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const match = out.match(/listening on (http:\/\/[^\s]+)/)
      if (match) resolve({ url: match[1]!, port: Number(new URL(match[1]!).port), child, exited })
    })
    void exited.then((code) => reject(new Error(`node exited (${code}) before listening: ${err}`)))
  })
}
