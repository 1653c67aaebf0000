// The visitor's burner wallet: a private key kept in this origin's localStorage, under the same key as the
// script-tag widget's temporary wallet, so the three demo pages (and the widget) are one visitor.
import { type Signer, toSigner } from '@xmtp-kit/client'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { DemoConfig } from '../../config.js'
import { requestBurner } from './api.js'

/** The widget's storage key (64 hex digits, no `0x`): a wallet made here is the widget's too, and back. */
export const BURNER_STORAGE_KEY = 'xmtp-kit-widget:temporary-wallet'
/** Which data the burner was seeded on: after `npm start -- --reset` it belongs to a network that is gone. */
const GENERATION_KEY = 'xmtp-kit-demo:generation'

export interface Burner {
  address: `0x${string}`
  signer: Signer
  /** False when the browser blocks storage: the wallet lasts as long as the page. */
  persisted: boolean
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function write(key: string, value: string | undefined): boolean {
  try {
    if (value === undefined) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
    return true
  } catch {
    return false
  }
}

const toBurner = (privateKey: Hex, persisted: boolean): Burner => {
  const account = privateKeyToAccount(privateKey)
  return { address: account.address, signer: toSigner(account), persisted }
}

/**
 * The burner of this browser: the saved one when it was seeded on the current data; otherwise a new one from
 * the server, which has seeded its inbox with conversations (a key made here if the server cannot).
 */
export async function loadBurner(config: DemoConfig): Promise<Burner> {
  const saved = read(BURNER_STORAGE_KEY)
  // A key the widget made (no generation saved) is kept too: that visitor already has an inbox.
  const generation = read(GENERATION_KEY)
  if (saved && /^[0-9a-f]{64}$/.test(saved) && (generation === null || generation === config.generation)) {
    write(GENERATION_KEY, config.generation)
    return toBurner(`0x${saved}`, true)
  }
  return newBurner()
}

/** Replaces the burner with a new seeded one. */
export async function newBurner(): Promise<Burner> {
  let privateKey: Hex
  let generation: string | undefined
  try {
    ;({ privateKey, generation } = await requestBurner())
  } catch {
    privateKey = generatePrivateKey()
  }
  const persisted = write(BURNER_STORAGE_KEY, privateKey.slice(2)) && write(GENERATION_KEY, generation)
  return toBurner(privateKey, persisted)
}
