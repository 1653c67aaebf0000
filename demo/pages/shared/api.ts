// The demo server's small JSON API, as the pages call it.
import type { BurnerResponse, DemoConfig, FaucetResponse } from '../../config.js'

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init)
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: string } | undefined
    throw new Error(body?.error ?? `${path} answered ${response.status}`)
  }
  return (await response.json()) as T
}

const post = <T>(path: string, body?: unknown) =>
  call<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })

export const fetchConfig = () => call<DemoConfig>('/api/config')
/** A fresh wallet whose inbox the server has seeded (its key is then kept by this browser only). */
export const requestBurner = () => post<BurnerResponse>('/api/burner')
/** Tokens for a wallet, once; also the demo wallets' welcome for one the server did not seed. */
export const requestFaucet = (address: string) => post<FaucetResponse>('/api/faucet', { address })
