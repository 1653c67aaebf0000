// The XMTP node (`packages/node/dist/cli.js`) in a child process, for the benchmarks: started on a free port,
// ready once it prints where it listens, stopped with SIGTERM (SIGKILL after 15 s).
import { spawn } from 'node:child_process'

/**
 * Spawns `[wrap] node [nodeArgs] <cli> [cliArgs]` in `cwd` and resolves once it listens (`wrap`, e.g.
 * `['prlimit', '--nofile=20000']`, must exec the node so that the pid stays the node's).
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, pid: number, exited: Promise<{ code: number | null, signal: string | null }>, stop(): Promise<void> }>}
 */
export async function spawnNode({ cli, cliArgs, cwd, label = 'node', nodeArgs = [], wrap = [] }) {
  const command = [...wrap, process.execPath, ...nodeArgs, cli, ...cliArgs]
  const child = spawn(command[0], command.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stderr.on('data', (chunk) => process.stderr.write(`[${label}] ${chunk}`))
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const url = await new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        child.stdout.off('data', onData)
        child.stdout.resume()
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => reject(new Error(`node exited (${code}) before listening: ${out}`)))
  })
  return {
    child,
    url,
    pid: child.pid,
    exited,
    async stop() {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
