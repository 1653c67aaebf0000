// The whole demo in one process: the XMTP node on its SQLite file, the local chain with the DEMO token, the demo
// wallets and their reply bot, and the web server with the three pages. `npm start` runs it (demo/server/main.ts).
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { type Client, createClient, getAddress, isAddress, toSigner } from '@xmtp-kit/client'
import { nodeHttpTransport } from '@xmtp-kit/client/node'
import { type StartNodeReturnType, startNode } from '@xmtp-kit/node'
import { privateKeyToAccount } from 'viem/accounts'
import type { BurnerResponse, DemoConfig, FaucetResponse } from '../config.js'
import { buildPages, buildWidget, widgetStatus } from './build.js'
import { CAST, CAST_IDS, type CastId, FAUCET_AMOUNT, TOKEN_DECIMALS, TOKEN_SUPPLY, TOKEN_SYMBOL, units } from './cast.js'
import { CHAIN_ID, type DemoChain, startChain } from './chain.js'
import { type ReplyBot, startReplyBot } from './replyBot.js'
import { type CastClients, seedVisitorInbox, welcomeVisitor } from './seed.js'
import { type Site, startSite } from './site.js'
import { type DemoState, type WalletRecord, loadState, newWallet, saveState } from './state.js'

/** A step of the start, for the progress lines. */
export interface DemoStep {
  /** What is ready, e.g. `XMTP node`. */
  label: string
  /** Where or what, e.g. its URL. */
  detail?: string | undefined
  /** How long it took; `undefined` for a step that has just begun and takes a while. */
  ms?: number | undefined
}

export interface StartDemoParameters {
  /** Where the node, the chain and the demo keep their data. Default `.xmtp` in the repository. */
  dataDir: string
  /** Default `127.0.0.1`. */
  host?: string | undefined
  /** The web server's port (default 3000); a busy one falls back to a free one, `0` takes any. */
  port?: number | undefined
  /** The XMTP node's port (default 5555), with the same fallback. */
  nodePort?: number | undefined
  /** Wipes the data first. */
  reset?: boolean | undefined
  /** Told as each step completes. */
  onStep?: ((step: DemoStep) => void) | undefined
  /** Stops a start in progress (Ctrl-C during the start): it undoes what it did and rejects. */
  signal?: AbortSignal | undefined
  /** Told of failures after the start (a bot answer, a seeding in the background). Never key material. */
  onError?: ((error: Error) => void) | undefined
}

export interface Demo {
  urls: { destination: string; dapp: string; widget: string; node: string; rpc: string }
  /** Ports asked for that were busy (so others were taken). */
  busyPorts: number[]
  /** Whether this start seeded new data (first start or after a reset). */
  seeded: boolean
  /** The widget's build as the start found it: `stale` ones are being built (`widgetReady`). */
  widget: 'fresh' | 'stale' | 'absent'
  /** Resolves when the widget can be served (`false`: absent, or its build failed). */
  widgetReady: Promise<boolean>
  /** Stops everything: bot, web server, node (which ends its streams) and chain (which flushes its database). */
  close(): Promise<void>
}

/** A path as the progress lines show it: relative to where the command runs, when it is inside. */
const shown = (path: string) => {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') ? rel : path
}

/** Where the widget's files stand, for its page. */
export type WidgetState = 'absent' | 'building' | 'fresh' | 'failed'

/** What `--reset` removes: only what the demo writes, never other files in the data folder. */
const OWNED = ['node.db', 'node.db-wal', 'node.db-shm', 'chain', 'demo.json', 'demo.json.tmp', 'site']

/** Refuses a second demo on the same data (the chain's database allows one process); clears a stale lock. */
function lock(dataDir: string): () => void {
  const file = join(dataDir, 'demo.lock')
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'))
    let alive = false
    try {
      alive = Number.isInteger(pid) && pid > 0 && pid !== process.pid && process.kill(pid, 0)
    } catch {
      alive = false
    }
    if (alive) throw new Error(`Another demo (process ${pid}) is running on ${dataDir}. Stop it first, or pass --data-dir.`)
  }
  writeFileSync(file, String(process.pid))
  return () => {
    try {
      if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file)
    } catch {
      // Already gone.
    }
  }
}

async function startNodeOn(port: number, host: string, db: string, onError: (error: Error) => void): Promise<{ node: StartNodeReturnType; busy: boolean }> {
  // Every demo wallet, the bot and the browser share one IP here: the per-IP limits are for public nodes.
  const start = (p: number) =>
    startNode({ port: p, host, db, rateLimit: false, onError: (error) => onError(error instanceof Error ? error : new Error(String(error))) })
  try {
    return { node: await start(port), busy: false }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error
    return { node: await start(0), busy: true }
  }
}

export async function startDemo(parameters: StartDemoParameters): Promise<Demo> {
  const { dataDir, host = '127.0.0.1', port = 3000, nodePort = 5555, onStep = () => undefined } = parameters
  const onError = parameters.onError ?? ((error: Error) => console.error(error.message))
  const step = (label: string, since: number, detail?: string) => onStep({ label, detail, ms: Math.round(performance.now() - since) })
  /** Between steps: stop here if the start was cancelled. */
  const proceed = () => parameters.signal?.throwIfAborted()
  const cleanup: (() => Promise<void> | void)[] = []
  let stopped = false
  const close = async () => {
    stopped = true
    for (const task of cleanup.splice(0).reverse()) {
      try {
        await task()
      } catch (error) {
        onError(error as Error)
      }
    }
  }

  mkdirSync(dataDir, { recursive: true })
  cleanup.push(lock(dataDir))
  try {
    if (parameters.reset) for (const name of OWNED) rmSync(join(dataDir, name), { recursive: true, force: true })
    let { state, fresh } = loadState(dataDir)
    const chainDir = join(dataDir, 'chain')
    const nodeDb = join(dataDir, 'node.db')
    if (!fresh && (!existsSync(chainDir) || !existsSync(nodeDb) || !state.token)) {
      // Half the data is gone (a folder deleted by hand): start over rather than mix two worlds.
      for (const name of OWNED) rmSync(join(dataDir, name), { recursive: true, force: true })
      ;({ state, fresh } = loadState(dataDir))
    }
    // A new state's wallets are funded in the chain's genesis block only: an older chain folder cannot be reused.
    if (fresh) rmSync(chainDir, { recursive: true, force: true })
    const save = () => saveState(dataDir, state)
    save()

    // The builds run beside the start: esbuild and rollup work in their own processes.
    const pagesDir = join(dataDir, 'site')
    const buildStart = performance.now()
    const pages = buildPages(pagesDir).then((built) => step(built ? 'Pages built (esbuild)' : 'Pages up to date', buildStart))
    // The widget's build is the longest (a first start, or after its sources changed): the pages are served
    // without waiting for it, and its page says it is building until it is done.
    const widgetInitial = widgetStatus()
    let widget: WidgetState = widgetInitial === 'stale' ? 'building' : widgetInitial
    const widgetBuild = widgetInitial === 'stale' ? buildWidget() : undefined
    if (widgetBuild) {
      onStep({ label: 'Building the widget (rollup)', detail: 'its sources are newer than its build; the pages do not wait' })
      cleanup.push(() => widgetBuild.kill())
    } else step(widget === 'fresh' ? 'Widget up to date' : 'Widget not in this checkout', buildStart)
    const widgetReady = widgetBuild
      ? widgetBuild.done.then(
          () => {
            widget = 'fresh'
            step('Widget built (rollup)', buildStart)
            return true
          },
          (error: Error) => {
            widget = 'failed'
            if (!stopped) onError(error)
            return false
          },
        )
      : Promise.resolve(widget === 'fresh')
    // A failed page build is reported by the await below, not as an unhandled rejection.
    pages.catch(() => undefined)

    const nodeStart = performance.now()
    const { node, busy: nodeBusy } = await startNodeOn(nodePort, host, nodeDb, onError)
    cleanup.push(() => node.close())
    step('XMTP node', nodeStart, `${node.url} (${shown(nodeDb)})`)
    proceed()

    const chainStart = performance.now()
    const chain = await startChain({ dbPath: chainDir, funded: [state.treasury.privateKey, ...CAST_IDS.map((id) => state.cast[id].privateKey)] })
    cleanup.push(() => chain.close())
    step('Local chain (ganache)', chainStart, `chain id ${CHAIN_ID} (${shown(chainDir)})`)
    proceed()

    const tokenStart = performance.now()
    const token = await ensureToken(chain, state, save)
    step(fresh ? `${TOKEN_SYMBOL} token deployed` : `${TOKEN_SYMBOL} token`, tokenStart, token.address)
    proceed()

    const walletsStart = performance.now()
    const transport = nodeHttpTransport({ url: node.url })
    const cast = await castClients(state, transport, save)
    step(fresh ? 'Demo wallets created on XMTP' : 'Demo wallets', walletsStart, CAST_IDS.filter((id) => id !== 'bot').join(', '))
    proceed()

    const botStart = performance.now()
    const bot: ReplyBot = startReplyBot(cast.bot, { onError })
    cleanup.push(() => bot.close())
    await bot.ready
    step('Reply bot listening', botStart, cast.bot.address)
    proceed()

    // Seeded wallets for visitors' browsers: one waits ready, the next is seeded when it is taken.
    const visitors = createVisitorDesk({ state, save, chain, token: token.address, treasury: state.treasury, cast, transport, onError })
    cleanup.push(() => visitors.settle())
    const seedStart = performance.now()
    const seeding = visitors.refill().then(() => performance.now() - seedStart)

    await pages
    proceed()
    const config: DemoConfig = {
      generation: state.generation,
      nodeUrl: node.url,
      rpcUrl: '', // filled once the site knows its URL
      chainId: CHAIN_ID,
      token: { address: token.address, symbol: TOKEN_SYMBOL, decimals: TOKEN_DECIMALS, deployBlock: state.token!.deployBlock },
      faucetAmount: FAUCET_AMOUNT,
      bot: cast.bot.address as `0x${string}`,
      people: CAST_IDS.map((id) => ({ id, address: state.cast[id].address, name: CAST[id].name, role: CAST[id].role, about: CAST[id].about })),
      treasury: state.treasury.address,
      offNetwork: state.offNetwork,
      widget: widget !== 'absent',
    }
    const site: Site = await startSite({
      host,
      port,
      assetsDir: pagesDir,
      nodeUrl: node.url,
      bot: cast.bot.address,
      widget: () => widget,
      onError,
      handlers: {
        config: () => config,
        burner: () => visitors.takeBurner(),
        faucet: (address) => visitors.faucet(address),
        rpc: (body) => chain.rpc(body),
      },
    })
    config.rpcUrl = `${site.url}/rpc`
    cleanup.push(() => site.close())
    if (fresh) onStep({ label: 'Visitor inbox seeded', ms: Math.round(await seeding), detail: 'conversations, requests, spam, reactions, a reply, a photo' })
    proceed()

    return {
      urls: { destination: `${site.url}/`, dapp: `${site.url}/dapp`, widget: `${site.url}/widget`, node: node.url, rpc: config.rpcUrl },
      busyPorts: [...(site.busyPort === undefined ? [] : [site.busyPort]), ...(nodeBusy ? [nodePort] : [])],
      seeded: fresh,
      widget: widgetInitial,
      widgetReady,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** Deploys the DEMO token and hands out the cast's tokens on a new chain; checks it is there on a kept one. */
async function ensureToken(chain: DemoChain, state: DemoState, save: () => void): Promise<{ address: `0x${string}` }> {
  if (state.token) {
    if (!(await chain.hasCode(state.token.address))) throw new Error(`The chain data has no ${TOKEN_SYMBOL} token any more: start with --reset.`)
    return state.token
  }
  const { address, block } = await chain.deployToken(state.treasury.privateKey, units(TOKEN_SUPPLY))
  for (const id of CAST_IDS) if (CAST[id].tokens > 0) await chain.transfer(address, state.treasury.privateKey, state.cast[id].address, units(CAST[id].tokens))
  state.token = { address, deployBlock: block.toString() }
  save()
  return state.token
}

/** The demo wallets' XMTP clients: from their saved keys, or (first start) new identities whose keys are saved. */
async function castClients(state: DemoState, transport: ReturnType<typeof nodeHttpTransport>, save: () => void): Promise<CastClients> {
  const clients = await Promise.all(
    CAST_IDS.map(async (id) => {
      const record = state.cast[id]
      if (record.xmtpKeys) return createClient({ keys: new Uint8Array(Buffer.from(record.xmtpKeys, 'base64')), transport })
      const client = await createClient({ signer: toSigner(privateKeyToAccount(record.privateKey)), transport })
      record.xmtpKeys = Buffer.from(client.exportKeys()).toString('base64')
      return client
    }),
  )
  save()
  return Object.fromEntries(CAST_IDS.map((id, i) => [id, clients[i]!])) as Record<CastId, Client>
}

/** Burner wallets with a seeded inbox, and the faucet. */
function createVisitorDesk({
  state,
  save,
  chain,
  token,
  treasury,
  cast,
  transport,
  onError,
}: {
  state: DemoState
  save: () => void
  chain: DemoChain
  token: `0x${string}`
  treasury: WalletRecord
  cast: CastClients
  transport: ReturnType<typeof nodeHttpTransport>
  onError: (error: Error) => void
}) {
  let refilling: Promise<void> | undefined
  let closed = false
  const inFlight = new Map<string, Promise<FaucetResponse>>()
  const visitor = (address: string) => (state.visitors[address.toLowerCase()] ??= {})

  /** A new wallet with tokens and an inbox written from both sides; its keys wait in the state for a browser. */
  const seedBurner = async () => {
    const wallet = newWallet()
    const client = await createClient({ signer: toSigner(privateKeyToAccount(wallet.privateKey)), transport })
    await chain.transfer(token, treasury.privateKey, wallet.address, units(FAUCET_AMOUNT))
    await seedVisitorInbox(client, cast)
    Object.assign(visitor(wallet.address), { funded: true, welcomed: true })
    state.burners.push(wallet)
    save()
  }
  const refill = (): Promise<void> => {
    if (closed || state.burners.length > 0) return Promise.resolve()
    refilling ??= seedBurner()
      .catch((error: Error) => onError(new Error(`Seeding a visitor wallet failed: ${error.message}`)))
      .finally(() => (refilling = undefined))
    return refilling
  }

  return {
    refill,
    async takeBurner(): Promise<BurnerResponse> {
      if (state.burners.length === 0) await refill()
      const wallet = state.burners.shift()
      if (!wallet) throw new Error('No seeded wallet could be made: see the server log.')
      save()
      void refill()
      return { privateKey: wallet.privateKey, address: wallet.address, generation: state.generation }
    },
    faucet(address: string): Promise<FaucetResponse> {
      if (!isAddress(address)) return Promise.reject(Object.assign(new Error('Not an address'), { status: 400 }))
      const owner = getAddress(address) as `0x${string}`
      const key = owner.toLowerCase()
      let pending = inFlight.get(key)
      if (!pending) {
        pending = (async () => {
          const record = visitor(owner)
          let sent = 0
          if (!record.funded) {
            await chain.transfer(token, treasury.privateKey, owner, units(FAUCET_AMOUNT))
            record.funded = true
            sent = FAUCET_AMOUNT
            save()
          }
          // A wallet that joined XMTP with its own keys gets the demo wallets' welcome (as requests).
          if (!record.welcomed && (await cast.bot.canMessage(owner))) {
            record.welcomed = true
            save()
            welcomeVisitor(owner, cast).catch((error: Error) => onError(new Error(`Welcoming ${owner} failed: ${error.message}`)))
          }
          return { sent, balance: (await chain.balanceOf(token, owner)).toString() }
        })().finally(() => inFlight.delete(key))
        inFlight.set(key, pending)
      }
      return pending
    },
    /** Lets a seeding in progress finish (its wallet is saved for the next start). */
    async settle() {
      closed = true
      await refilling
    },
  }
}
