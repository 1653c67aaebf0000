import type { PersonRole } from '../config.js'

/** The demo wallets, in the order the pages list them. */
export const CAST_IDS = ['bot', 'alice', 'bob', 'carol', 'dave', 'airdrop', 'phisher'] as const
export type CastId = (typeof CAST_IDS)[number]

export interface CastMember {
  /** The name pages resolve the wallet to; the spammers have none, as unknown wallets would not. */
  name: string | undefined
  role: PersonRole
  about: string
  /** DEMO tokens it holds after seeding, in whole tokens. */
  tokens: number
}

export const CAST: Record<CastId, CastMember> = {
  bot: { name: 'Reply bot', role: 'bot', about: 'Answers every message in about a second.', tokens: 50 },
  alice: { name: 'alice.eth', role: 'friend', about: 'Core contributor of DEMO DAO, runs the launch parties.', tokens: 2_500 },
  bob: { name: 'bob.eth', role: 'friend', about: 'Treasury steward. Reads every proposal twice.', tokens: 800 },
  carol: { name: 'carol.eth', role: 'friend', about: 'Designer. Holds no DEMO (yet).', tokens: 0 },
  dave: { name: 'dave.eth', role: 'stranger', about: 'Organizes the DEMO community calls.', tokens: 1_200 },
  airdrop: { name: undefined, role: 'spam', about: 'Sends "free airdrop" messages to everyone.', tokens: 0 },
  phisher: { name: undefined, role: 'spam', about: 'Asks for recovery phrases.', tokens: 0 },
}

/** The token supply, minted to the treasury (which has no XMTP identity: holder reach reports show it). */
export const TOKEN_SUPPLY = 1_000_000
/** What the faucet sends each new visitor wallet. */
export const FAUCET_AMOUNT = 100
export const TOKEN_SYMBOL = 'DEMO'
export const TOKEN_DECIMALS = 18

/** Whole tokens in base units. */
export const units = (tokens: number): bigint => BigInt(tokens) * 10n ** BigInt(TOKEN_DECIMALS)
