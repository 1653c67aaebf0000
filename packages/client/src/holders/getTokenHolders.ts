import { getAddress, isAddress } from '../crypto/address.js'
import { AbortError } from '../errors/errors.js'
import { TokenHoldersError } from './TokenHoldersError.js'

/** The token standards whose holders can be derived from `Transfer` logs. */
export type TokenKind = 'erc20' | 'erc721'

/** `Transfer(address indexed from, address indexed to, uint256 value)` (ERC-20). */
export const erc20TransferEvent = {
  type: 'event',
  name: 'Transfer',
  inputs: [
    { name: 'from', type: 'address', indexed: true },
    { name: 'to', type: 'address', indexed: true },
    { name: 'value', type: 'uint256', indexed: false },
  ],
} as const

/** `Transfer(address indexed from, address indexed to, uint256 indexed tokenId)` (ERC-721). */
export const erc721TransferEvent = {
  type: 'event',
  name: 'Transfer',
  inputs: [
    { name: 'from', type: 'address', indexed: true },
    { name: 'to', type: 'address', indexed: true },
    { name: 'tokenId', type: 'uint256', indexed: true },
  ],
} as const

/** What {@link getTokenHolders} passes to `getLogs`: the shape of viem's `publicClient.getLogs`. */
export interface GetTransferLogsParameters {
  address: `0x${string}`
  event: typeof erc20TransferEvent | typeof erc721TransferEvent
  fromBlock: bigint
  toBlock: bigint
}

/** The fields of a log that are read (every viem `Log` has them). */
export interface TransferLog {
  topics: readonly `0x${string}`[]
  data: `0x${string}`
  blockNumber: bigint | null
  logIndex: number | null
}

/**
 * A chain reader: a viem `PublicClient` (or wagmi's `usePublicClient()`) fits as is. This package makes no RPC
 * calls of its own.
 */
export interface TokenLogReader {
  getLogs(parameters: GetTransferLogsParameters): Promise<readonly TransferLog[]>
  /** Asked with `{ cacheTime: 0 }`: viem otherwise answers from a cache up to its polling interval old. */
  getBlockNumber(parameters?: { cacheTime?: number }): Promise<bigint>
}

export interface GetTokenHoldersParameters {
  /** The chain reader, e.g. a viem `PublicClient`. */
  client: TokenLogReader
  /** The token contract. */
  address: string
  kind: TokenKind
  /**
   * First block to scan: the token's deployment block (or earlier). Default `0n`. Starting later misses the
   * transfers before it, and the balances come out wrong.
   */
  fromBlock?: bigint | undefined
  /** Last block to scan, inclusive. Default: the latest block, read once. */
  toBlock?: bigint | undefined
  /**
   * Blocks per `getLogs` request. Default `5_000n`. A request that fails is split in halves (down to one
   * block) before the scan gives up, so providers that cap the range or the result count still answer.
   */
  chunkSize?: bigint | undefined
  /** Told after each range is read. */
  onProgress?: ((progress: TokenHoldersProgress) => void) | undefined
  signal?: AbortSignal | undefined
}

export interface TokenHoldersProgress {
  fromBlock: bigint
  toBlock: bigint
  /** The last block read so far. */
  scannedTo: bigint
}

export interface TokenHolder {
  /** EIP-55 checksummed, as everywhere in this package. */
  address: string
  /** ERC-20: the balance in base units. ERC-721: the number of tokens owned. Always > 0. */
  balance: bigint
  /** ERC-721: the ids owned, ascending. ERC-20: `undefined`. */
  tokenIds: bigint[] | undefined
}

export interface GetTokenHoldersReturnType {
  /** The token, checksummed. */
  token: string
  kind: TokenKind
  fromBlock: bigint
  /** The last block scanned (the latest block when `toBlock` was not given). */
  toBlock: bigint
  /** Current holders, largest balance first (ties by address). */
  holders: TokenHolder[]
}

const DEFAULT_CHUNK_SIZE = 5_000n
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

/** The address in a 32-byte indexed topic. */
const topicToAddress = (topic: `0x${string}`) => `0x${topic.slice(-40).toLowerCase()}`

function toUint256(hex: string | undefined): bigint | undefined {
  if (hex === undefined || !/^0x[0-9a-fA-F]{1,64}$/.test(hex)) return undefined
  return BigInt(hex)
}

const compareLogs = (a: TransferLog, b: TransferLog) =>
  a.blockNumber! < b.blockNumber! ? -1 : a.blockNumber! > b.blockNumber! ? 1 : (a.logIndex ?? 0) - (b.logIndex ?? 0)

/**
 * The current holders of an ERC-20 token (balance > 0) or owners of an ERC-721 collection, derived from its
 * `Transfer` logs through the chain reader you inject, in block ranges of `chunkSize`. Mints come from and
 * burns go to the zero address, which is never a holder. Tokens that move balances without `Transfer`
 * events (rebasing tokens, for one) are not followed.
 *
 * @throws {TokenHoldersError} when a range cannot be read even one block at a time, or a log does not fit `kind`.
 * @throws {AbortError} when `signal` aborts.
 * @throws {TypeError} for an invalid address, kind, chunk size or block range.
 * @example
 * const publicClient = createPublicClient({ chain: mainnet, transport: http() })
 * const { holders } = await getTokenHolders({ client: publicClient, address: '0x…', kind: 'erc721', fromBlock: 19_000_000n })
 * await broadcast(client, { recipients: holders.map((h) => h.address), content: 'gm holders' })
 */
export async function getTokenHolders(parameters: GetTokenHoldersParameters): Promise<GetTokenHoldersReturnType> {
  const { client, kind, fromBlock = 0n, chunkSize = DEFAULT_CHUNK_SIZE, onProgress, signal } = parameters ?? {}
  if (!isAddress(parameters?.address)) throw new TypeError('getTokenHolders: address must be a 0x-prefixed 20-byte address.')
  if (kind !== 'erc20' && kind !== 'erc721') throw new TypeError("getTokenHolders: kind must be 'erc20' or 'erc721'.")
  if (typeof client?.getLogs !== 'function' || typeof client.getBlockNumber !== 'function') {
    throw new TypeError('getTokenHolders: client must have getLogs and getBlockNumber (a viem PublicClient does).')
  }
  if (typeof chunkSize !== 'bigint' || chunkSize < 1n) throw new TypeError('getTokenHolders: chunkSize must be a positive bigint.')
  if (typeof fromBlock !== 'bigint' || fromBlock < 0n) throw new TypeError('getTokenHolders: fromBlock must be a non-negative bigint.')
  if (parameters.toBlock !== undefined && (typeof parameters.toBlock !== 'bigint' || parameters.toBlock < fromBlock)) {
    throw new TypeError('getTokenHolders: toBlock must be a bigint not below fromBlock.')
  }
  const token = getAddress(parameters.address)
  const event = kind === 'erc20' ? erc20TransferEvent : erc721TransferEvent
  const throwIfAborted = () => {
    if (signal?.aborted) throw new AbortError()
  }

  throwIfAborted()
  const toBlock = parameters.toBlock ?? (await client.getBlockNumber({ cacheTime: 0 }))
  throwIfAborted()

  const balances = new Map<string, bigint>()
  const owners = new Map<bigint, string>()
  const credit = (holder: string, amount: bigint) => {
    if (holder !== ZERO_ADDRESS) balances.set(holder, (balances.get(holder) ?? 0n) + amount)
  }

  const apply = (log: TransferLog, range: [bigint, bigint]) => {
    const [, fromTopic, toTopic, idTopic] = log.topics
    const malformed = (details: string) => new TokenHoldersError({ token, fromBlock: range[0], toBlock: range[1], details })
    if (!fromTopic || !toTopic) throw malformed('A Transfer log lacks its indexed from/to addresses.')
    const from = topicToAddress(fromTopic)
    const to = topicToAddress(toTopic)
    if (kind === 'erc20') {
      if (idTopic !== undefined) throw malformed('A Transfer log has an indexed third argument: this is not an ERC-20 token (try erc721).')
      const value = toUint256(log.data)
      if (value === undefined) throw malformed('A Transfer log carries no uint256 value.')
      credit(from, -value)
      credit(to, value)
    } else {
      // Some early collections (CryptoKitties) do not index the id: it is then the data.
      const tokenId = toUint256(idTopic ?? log.data)
      if (tokenId === undefined) throw malformed('A Transfer log carries no token id.')
      if (to === ZERO_ADDRESS) owners.delete(tokenId)
      else owners.set(tokenId, to)
    }
  }

  /** Reads one range, halving it on failure down to a single block. */
  const read = async (start: bigint, end: bigint): Promise<void> => {
    throwIfAborted()
    let logs: readonly TransferLog[]
    try {
      logs = await client.getLogs({ address: token as `0x${string}`, event, fromBlock: start, toBlock: end })
    } catch (cause) {
      throwIfAborted()
      if (start === end) throw new TokenHoldersError({ token, fromBlock: start, toBlock: end, cause })
      const middle = start + (end - start) / 2n
      await read(start, middle)
      await read(middle + 1n, end)
      return
    }
    throwIfAborted()
    // Ownership depends on order; the reader may not sort, and pending logs (no block) are not final.
    const ordered = logs.filter((log) => log.blockNumber !== null && log.blockNumber !== undefined).sort(compareLogs)
    for (const log of ordered) apply(log, [start, end])
  }

  for (let start = fromBlock; start <= toBlock; start += chunkSize) {
    const end = start + chunkSize - 1n < toBlock ? start + chunkSize - 1n : toBlock
    await read(start, end)
    try {
      onProgress?.({ fromBlock, toBlock, scannedTo: end })
    } catch {
      // A faulty progress handler must not stop the scan.
    }
  }

  const idsByOwner = new Map<string, bigint[]>()
  for (const [tokenId, owner] of owners) {
    credit(owner, 1n)
    const ids = idsByOwner.get(owner)
    if (ids) ids.push(tokenId)
    else idsByOwner.set(owner, [tokenId])
  }
  const holders: TokenHolder[] = []
  for (const [holder, balance] of balances) {
    if (balance <= 0n) continue
    const tokenIds = kind === 'erc721' ? idsByOwner.get(holder)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : undefined
    holders.push({ address: getAddress(holder), balance, tokenIds })
  }
  holders.sort((a, b) => (a.balance > b.balance ? -1 : a.balance < b.balance ? 1 : a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1))
  return { token, kind, fromBlock, toBlock, holders }
}
