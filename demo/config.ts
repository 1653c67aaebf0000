// What the demo server tells its pages (`GET /api/config`), shared by both sides.

/** Who a demo wallet is in the story. */
export type PersonRole = 'bot' | 'friend' | 'stranger' | 'spam'

/** A demo wallet, as the pages show it. */
export interface DemoPerson {
  id: string
  address: `0x${string}`
  /** The name the pages resolve it to (`undefined`: shown as a short address, as an unknown wallet would be). */
  name: string | undefined
  role: PersonRole
  /** One line about them. */
  about: string
}

export interface DemoConfig {
  /** Changes when the data is wiped (`--reset`): a burner kept from before belongs to a network that is gone. */
  generation: string
  /** The XMTP node's HTTP API. */
  nodeUrl: string
  /** The local chain's JSON-RPC (read methods only), served by the demo server. */
  rpcUrl: string
  chainId: number
  token: {
    address: `0x${string}`
    symbol: string
    decimals: number
    /** The deployment block, as a decimal string: holder scans start there. */
    deployBlock: string
  }
  /** What the faucet gives a new wallet, in whole tokens. */
  faucetAmount: number
  /** The reply bot, which answers every message. */
  bot: `0x${string}`
  people: DemoPerson[]
  /** The wallet that minted the token and runs the faucet; it has no XMTP identity. */
  treasury: `0x${string}`
  /** A wallet that has never used XMTP (a message button to it says so). */
  offNetwork: `0x${string}`
  /** Whether the script-tag widget is built and its page serves it. */
  widget: boolean
}

/** `POST /api/burner`: a fresh wallet whose inbox the server has seeded, for this browser to keep. */
export interface BurnerResponse {
  privateKey: `0x${string}`
  address: `0x${string}`
  generation: string
}

/** `POST /api/faucet` with `{ address }`. */
export interface FaucetResponse {
  /** Tokens sent now, in whole tokens (0 when this wallet was served before). */
  sent: number
  /** The wallet's balance afterwards, in base units, as a decimal string. */
  balance: string
}
