// What the demo remembers between starts, next to the node's and the chain's data: `<data>/demo.json`. It holds
// the demo wallets' keys, so it is written for this user only.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { CAST_IDS, type CastId } from './cast.js'

const VERSION = 1

export interface WalletRecord {
  privateKey: Hex
  address: `0x${string}`
  /** The XMTP keys (base64, the official SDK's `getKeys` format), once its identity exists: later starts need no signature. */
  xmtpKeys?: string | undefined
}

export interface DemoState {
  version: typeof VERSION
  generation: string
  treasury: WalletRecord
  cast: Record<CastId, WalletRecord>
  /** A wallet that never joins XMTP. */
  offNetwork: `0x${string}`
  token?: { address: `0x${string}`; deployBlock: string } | undefined
  /** Visitor wallets already given tokens and a welcome, by lowercase address. */
  visitors: Record<string, { funded?: boolean; welcomed?: boolean }>
  /** Seeded wallets waiting for a visitor (`POST /api/burner` hands them out). */
  burners: WalletRecord[]
}

export const newWallet = (): WalletRecord => {
  const privateKey = generatePrivateKey()
  return { privateKey, address: privateKeyToAccount(privateKey).address }
}

function freshState(): DemoState {
  return {
    version: VERSION,
    generation: randomBytes(8).toString('hex'),
    treasury: newWallet(),
    cast: Object.fromEntries(CAST_IDS.map((id) => [id, newWallet()])) as Record<CastId, WalletRecord>,
    offNetwork: newWallet().address,
    visitors: {},
    burners: [],
  }
}

export const stateFile = (dataDir: string) => join(dataDir, 'demo.json')

/** The saved state, or a new one (`fresh: true`) when there is none or it is from another version. */
export function loadState(dataDir: string): { state: DemoState; fresh: boolean } {
  const file = stateFile(dataDir)
  if (existsSync(file)) {
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as DemoState
      if (state.version === VERSION && CAST_IDS.every((id) => state.cast?.[id]?.privateKey)) return { state, fresh: false }
    } catch {
      // Unreadable: start over below.
    }
  }
  return { state: freshState(), fresh: true }
}

/** Writes the state atomically (a crash leaves the old file or the new one, never half of one). */
export function saveState(dataDir: string, state: DemoState): void {
  const file = stateFile(dataDir)
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
}
