import { getAddress, isAddress } from '../crypto/address.js'
import { TokenBalanceError } from './TokenBalanceError.js'
import type { AsyncInboxFilter } from './types.js'

/** `balanceOf(address) → uint256`, shared by ERC-20 and ERC-721. */
const balanceOfAbi = [
  {
    type: 'function',
    name: 'balanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'account', type: 'address' }],
    outputs: [{ name: '', type: 'uint256' }],
  },
] as const

/** What {@link holdsToken} passes to `readContract`: the shape of viem's `publicClient.readContract`. */
export interface HoldsTokenReadContractParameters {
  address: `0x${string}`
  abi: typeof balanceOfAbi
  functionName: 'balanceOf'
  args: readonly [`0x${string}`]
}

interface HoldsTokenBaseParameters {
  /** The ERC-20 (or ERC-721) contract. */
  token: `0x${string}`
  /** Smallest balance that passes, in the token's base units. Default `1n`. */
  minBalance?: bigint | undefined
  /** Told of each failed read (the conversation then fails the filter). Its own errors are ignored. */
  onError?: ((error: TokenBalanceError) => void) | undefined
}

export type HoldsTokenParameters = HoldsTokenBaseParameters &
  (
    | {
        /** A viem-shaped reader, e.g. `publicClient.readContract`. */
        readContract: (parameters: HoldsTokenReadContractParameters) => Promise<bigint>
        balanceOf?: undefined
      }
    | {
        /** Any other way to read a balance (an indexer, a cache, a multicall). */
        balanceOf: (parameters: { token: `0x${string}`; owner: `0x${string}` }) => Promise<bigint>
        readContract?: undefined
      }
  )

/**
 * Passes conversations whose peer holds at least `minBalance` of `token`, read through the chain reader you
 * inject (this package makes no RPC calls of its own). Each peer's balance is read once per filter instance
 * (concurrent evaluations share the read); create a new filter to read fresh balances. A failed read is not
 * cached, is reported to `onError` as a {@link TokenBalanceError}, and fails the conversation: the filter
 * never throws or rejects.
 *
 * @throws {TypeError} if `token` is not an address, `minBalance` not a non-negative bigint, or no reader is given.
 * @example
 * const publicClient = createPublicClient({ chain: mainnet, transport: http() })
 * const holders = holdsToken({ token: '0xA0b8…eB48', readContract: publicClient.readContract, minBalance: 10n ** 6n })
 * const visible = await applyInboxFilter(items, and(consentIs('requested'), holders))
 */
export function holdsToken(parameters: HoldsTokenParameters): AsyncInboxFilter {
  const { minBalance = 1n, onError, readContract, balanceOf } = parameters ?? {}
  if (!isAddress(parameters?.token)) throw new TypeError('holdsToken: token must be a 0x-prefixed 20-byte address.')
  if (typeof minBalance !== 'bigint' || minBalance < 0n) throw new TypeError('holdsToken: minBalance must be a non-negative bigint.')
  if (typeof readContract !== 'function' && typeof balanceOf !== 'function') {
    throw new TypeError('holdsToken: readContract or balanceOf must be a function.')
  }
  const token = getAddress(parameters.token) as `0x${string}`
  /** Pending or settled reads by lowercase owner; a failed read resolves to `undefined` and is dropped. */
  const balances = new Map<string, Promise<bigint | undefined>>()

  const report = (error: TokenBalanceError) => {
    try {
      onError?.(error)
    } catch {
      // A faulty error handler must not turn a filter into a throwing one.
    }
  }

  const read = async (peer: string): Promise<bigint> => {
    const owner = getAddress(peer) as `0x${string}`
    const balance = readContract
      ? await readContract({ address: token, abi: balanceOfAbi, functionName: 'balanceOf', args: [owner] })
      : await balanceOf!({ token, owner })
    if (typeof balance !== 'bigint') {
      throw new TokenBalanceError({ token, owner, details: `The reader answered ${typeof balance}, not a bigint.` })
    }
    return balance
  }

  const balanceOfPeer = (peer: string): Promise<bigint | undefined> => {
    const key = String(peer).toLowerCase()
    const cached = balances.get(key)
    if (cached) return cached
    const pending = read(peer).catch((cause: unknown) => {
      // Only this read's entry: a later read may already have replaced it.
      if (balances.get(key) === pending) balances.delete(key)
      report(cause instanceof TokenBalanceError ? cause : new TokenBalanceError({ token, owner: String(peer), cause }))
      return undefined
    })
    balances.set(key, pending)
    return pending
  }

  return async (item) => {
    const balance = await balanceOfPeer(item.conversation.peerAddress)
    return balance !== undefined && balance >= minBalance
  }
}
