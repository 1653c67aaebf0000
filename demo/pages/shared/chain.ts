// The local chain, read through the demo server's `/rpc` (read methods only).
import { createPublicClient, defineChain, http, type PublicClient } from 'viem'
import { createConfig, injected } from 'wagmi'
import type { DemoConfig } from '../../config.js'

export const demoTokenAbi = [
  { type: 'function', name: 'balanceOf', stateMutability: 'view', inputs: [{ name: 'owner', type: 'address' }], outputs: [{ type: 'uint256' }] },
] as const

export function demoChain(config: DemoConfig) {
  return defineChain({
    id: config.chainId,
    name: 'Demo chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  })
}

export function createDemoClients(config: DemoConfig) {
  const chain = demoChain(config)
  // Balances follow the faucet at once: no cache, quick polling.
  const publicClient = createPublicClient({ chain, transport: http(config.rpcUrl), cacheTime: 0, pollingInterval: 1_000 }) as PublicClient
  // A browser wallet (an extension) signs XMTP's messages; the chain is read through the demo RPC.
  const wagmiConfig = createConfig({ chains: [chain], connectors: [injected()], transports: { [chain.id]: http(config.rpcUrl) } })
  return { chain, publicClient, wagmiConfig }
}

/** `1234.5` → `1,234.5`: whole tokens with up to two decimals. */
export function formatTokens(balance: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals)
  const whole = balance / scale
  const cents = ((balance % scale) * 100n) / scale
  return `${whole.toLocaleString('en-US')}${cents > 0n ? `.${cents.toString().padStart(2, '0').replace(/0$/, '')}` : ''}`
}
