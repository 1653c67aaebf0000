// `npm start`: the kit in action. Runs demo/server (TypeScript, loaded through tsx with the repository's
// tsconfig, so the packages come from their sources and need no build): the XMTP node on ./.xmtp/node.db, a
// local chain with the DEMO token, seeded demo wallets, a reply bot and the three demo pages.
// `npm start -- --help` lists the options.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
const { main } = await import('../demo/server/main.ts')
await main(process.argv.slice(2))
