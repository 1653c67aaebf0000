import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineChain, type Hex } from 'viem'
import type { LocalAccount } from 'viem/accounts'

/**
 * A JSON-RPC endpoint on loopback that signs as `accounts` do: wagmi's `mock` connector holds no keys and
 * forwards `personal_sign` to its chain's RPC URL as `eth_sign [address, data]`, as a dev node would.
 */
export async function startSigningRpc(accounts: readonly LocalAccount[]) {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', async () => {
      const { id, method, params } = JSON.parse(body) as { id: number; method: string; params: [Hex, Hex] }
      const reply = (payload: object) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, ...payload }))
      const account = method === 'eth_sign' ? accounts.find((a) => a.address.toLowerCase() === params[0].toLowerCase()) : undefined
      if (!account) return reply({ error: { code: -32601, message: `unsupported: ${method}` } })
      reply({ result: await account.signMessage({ message: { raw: params[1] } }) })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const chain = defineChain({ id: 31_337, name: 'Signing RPC', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [url] } } })
  return { url, chain, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
