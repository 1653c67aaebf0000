// The demo's local chain: ganache from npm, in this process, with its database in the data folder so that a
// second start finds the token and every balance where it left them.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ganache from 'ganache'
import { type Abi, type Hex, type PublicClient, createPublicClient, createWalletClient, custom, defineChain } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

export const CHAIN_ID = 1337

/** The demo token's ERC-20 surface that the server uses. */
export const demoTokenAbi = [
  { type: 'function', name: 'balanceOf', stateMutability: 'view', inputs: [{ name: 'owner', type: 'address' }], outputs: [{ type: 'uint256' }] },
  {
    type: 'function',
    name: 'transfer',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'to', type: 'address' },
      { name: 'value', type: 'uint256' },
    ],
    outputs: [{ type: 'bool' }],
  },
] as const

/** Ganache gives a transaction without `gas` only 90 000: too little to deploy. */
const GAS = 1_000_000n

/** Read-only methods the pages may call through the demo server's `/rpc`. Writes go through the faucet. */
const READ_METHODS = new Set([
  'eth_chainId',
  'net_version',
  'web3_clientVersion',
  'eth_blockNumber',
  'eth_call',
  'eth_estimateGas',
  'eth_gasPrice',
  'eth_maxPriorityFeePerGas',
  'eth_feeHistory',
  'eth_getBalance',
  'eth_getCode',
  'eth_getStorageAt',
  'eth_getLogs',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  'eth_getTransactionCount',
])

interface JsonRpcRequest {
  jsonrpc?: unknown
  id?: unknown
  method?: unknown
  params?: unknown
}

export interface DemoChain {
  publicClient: PublicClient
  /** Compiles `DemoToken.sol` and deploys it from `deployer`, minting `supply` to it. */
  deployToken(deployer: Hex, supply: bigint): Promise<{ address: `0x${string}`; block: bigint }>
  /** Sends `amount` (base units) of the token from the wallet whose key is `from`. */
  transfer(token: `0x${string}`, from: Hex, to: `0x${string}`, amount: bigint): Promise<void>
  balanceOf(token: `0x${string}`, owner: `0x${string}`): Promise<bigint>
  /** Whether a contract is deployed at `address` (false after the chain data was lost). */
  hasCode(address: `0x${string}`): Promise<boolean>
  /** Answers a JSON-RPC request (or batch) from a page: read methods only. */
  rpc(body: unknown): Promise<unknown>
  close(): Promise<void>
}

/**
 * Starts the chain. `funded` wallets get 100 ETH each in the genesis block (a chain reopened from `dbPath`
 * keeps the balances it has).
 */
export async function startChain({ dbPath, funded }: { dbPath: string; funded: readonly Hex[] }): Promise<DemoChain> {
  const provider = ganache.provider({
    logging: { quiet: true },
    database: { dbPath },
    wallet: { accounts: funded.map((secretKey) => ({ secretKey, balance: '0x56bc75e2d63100000' })) },
    // ganache 7.9 knows no fork after shanghai; the token is compiled for it.
    chain: { chainId: CHAIN_ID, hardfork: 'shanghai' },
  })
  const chain = defineChain({
    id: CHAIN_ID,
    name: 'Demo chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [] } },
  })
  // No retries: viem first tries `eth_fillTransaction`, which ganache lacks, and would back off four times.
  const transport = custom(provider, { retryCount: 0 })
  // No cache: a page's balance must follow the faucet's transfer at once.
  const publicClient = createPublicClient({ chain, transport, cacheTime: 0 }) as PublicClient
  const walletFor = (key: Hex) => createWalletClient({ chain, transport, account: privateKeyToAccount(key) })
  // One transaction at a time: ganache mines each at once, and nonces never race.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }
  const mined = async (hash: Hex) => {
    // Ganache mines each transaction as it arrives ("eager" instamine): its receipt is there at once.
    const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 }))
    if (receipt.status !== 'success') throw new Error(`Transaction ${hash} reverted.`)
    return receipt
  }

  return {
    publicClient,
    deployToken: (deployer, supply) =>
      serial(async () => {
        const { abi, bytecode } = await compileDemoToken()
        const hash = await walletFor(deployer).deployContract({ abi, bytecode, args: [supply], gas: GAS })
        const receipt = await mined(hash)
        if (!receipt.contractAddress) throw new Error('DemoToken deployment created no contract.')
        return { address: receipt.contractAddress, block: receipt.blockNumber }
      }),
    transfer: (token, from, to, amount) =>
      serial(async () => {
        await mined(await walletFor(from).writeContract({ address: token, abi: demoTokenAbi, functionName: 'transfer', args: [to, amount], gas: GAS }))
      }),
    balanceOf: (token, owner) => publicClient.readContract({ address: token, abi: demoTokenAbi, functionName: 'balanceOf', args: [owner] }),
    hasCode: async (address) => ((await publicClient.getCode({ address })) ?? '0x') !== '0x',
    async rpc(body) {
      const one = async (request: JsonRpcRequest) => {
        const id = typeof request?.id === 'string' || typeof request?.id === 'number' ? request.id : null
        if (typeof request?.method !== 'string') return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid request' } }
        if (!READ_METHODS.has(request.method)) {
          return { jsonrpc: '2.0', id, error: { code: -32601, message: `${request.method} is not available on the demo RPC (read methods only)` } }
        }
        try {
          const params = Array.isArray(request.params) ? request.params : []
          return { jsonrpc: '2.0', id, result: await provider.request({ method: request.method, params } as never) }
        } catch (error) {
          return { jsonrpc: '2.0', id, error: { code: -32000, message: error instanceof Error ? error.message : 'RPC error' } }
        }
      }
      return Array.isArray(body) ? Promise.all(body.map((request) => one(request as JsonRpcRequest))) : one(body as JsonRpcRequest)
    },
    close: () => serial(() => provider.disconnect()),
  }
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
}

/** Where compiled tokens are kept, by the hash of their source (solc-js takes seconds to load). */
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/xmtp-kit-demo', import.meta.url))

/** Compiles `DemoToken.sol` with solc-js (no compiler download), for shanghai; the result is cached by source. */
export async function compileDemoToken(): Promise<{ abi: Abi; bytecode: Hex }> {
  const source = readFileSync(new URL('./DemoToken.sol', import.meta.url), 'utf8')
  const cached = join(CACHE_DIR, `DemoToken-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.json`)
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as { abi: Abi; bytecode: Hex }
  const input = {
    language: 'Solidity',
    sources: { 'DemoToken.sol': { content: source } },
    settings: { evmVersion: 'shanghai', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const { default: solc } = await import('solc')
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const contract = output.contracts['DemoToken.sol']!['DemoToken']!
  const compiled = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` as Hex }
  mkdirSync(CACHE_DIR, { recursive: true })
  writeFileSync(cached, JSON.stringify(compiled))
  return compiled
}
