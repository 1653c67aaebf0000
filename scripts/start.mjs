// `npm start`: builds the packages, then runs the local XMTP node on its SQLite file (./.xmtp/node.db).
import { spawn, spawnSync } from 'node:child_process'

const build = spawnSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit', env: { ...process.env, XMTP_KIT_PACKAGES: 'node' } })
if (build.status !== 0) process.exit(build.status ?? 1)

const node = spawn(process.execPath, ['packages/node/dist/cli.js', '--db', '.xmtp/node.db', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => node.kill(signal))
node.on('exit', (code) => process.exit(code ?? 0))
