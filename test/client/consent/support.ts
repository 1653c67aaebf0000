/** Shared setup for the consent tests: clients on one in-memory network, and raw access to a wallet's topic. */
import { createRequire } from 'node:module'
import { createClient, type Client } from '../../../packages/client/src/client/createClient.js'
import { getConsentRecord } from '../../../packages/client/src/consent/consentRecord.js'
import { encodePrivatePreferencesPayload, type PrivatePreferencesAction } from '../../../packages/client/src/consent/privatePreferencesPayload.js'
import { createMemoryNetwork, type MemoryNetwork } from '../../../packages/client/src/transport/memoryNetwork.js'
import { memoryTransport } from '../../../packages/client/src/transport/memoryTransport.js'
import type { Transport } from '../../../packages/client/src/transport/types.js'
import { createCountingWallet, type CountingWallet } from '../../support/wallets.js'

export const reconnect = { baseDelayMs: 10, maxDelayMs: 50 }

/** The libxmtp user-preferences bindings the official SDK uses (§11), loaded through CommonJS. */
export const wasm = createRequire(import.meta.url)('@xmtp/user-preferences-bindings-wasm') as {
  user_preferences_encrypt(publicKey: Uint8Array, privateKey: Uint8Array, payload: Uint8Array): Uint8Array
  user_preferences_decrypt(publicKey: Uint8Array, privateKey: Uint8Array, payload: Uint8Array): Uint8Array
  generate_private_preferences_topic(privateKey: Uint8Array): string
}

export interface Wallet {
  wallet: CountingWallet
  client: Client
}

export function createNetwork(): { network: MemoryNetwork; transport: (options?: { reconnect?: typeof reconnect }) => Transport } {
  const network = createMemoryNetwork()
  return { network, transport: (options = {}) => memoryTransport({ network, reconnect: options.reconnect ?? reconnect }) }
}

export async function createWallet(transport: Transport): Promise<Wallet> {
  const wallet = createCountingWallet()
  return { wallet, client: await createClient({ signer: wallet, transport }) }
}

/** Another client of the same identity (as another device would be). */
export const createDevice = (client: Client, transport: Transport) => createClient({ keys: client.exportKeys(), transport, publishContact: false })

/** Publishes an action on a client's preferences topic with a chosen timestamp (ms). */
export async function publishAction(client: Client, action: PrivatePreferencesAction, timestampMs: number): Promise<void> {
  const record = getConsentRecord(client)
  const message = encodePrivatePreferencesPayload(action, record.keys)
  await client.transport.publish([{ contentTopic: record.topic, timestampNs: BigInt(timestampMs) * 1_000_000n, message }])
}

export const allowAction = (...walletAddresses: string[]): PrivatePreferencesAction => ({ allowAddress: { walletAddresses } })
export const denyAction = (...walletAddresses: string[]): PrivatePreferencesAction => ({ denyAddress: { walletAddresses } })

/** A fresh random checksummed address. */
export const randomAddress = () => createCountingWallet().address

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await delay(5)
  }
}
