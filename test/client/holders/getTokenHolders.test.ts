import { AbortError, getAddress, getTokenHolders, TokenHoldersError, type TokenLogReader } from '@xmtp-kit/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compileHolderContracts, startHoldersChain, type HoldersChain } from './chain.js'

let chain: HoldersChain
let token: `0x${string}`
let collection: `0x${string}`
/** The chain's head after the ERC-20 history below, before the ERC-721 one. */
let afterTokenHistory: bigint
let a: `0x${string}`, b: `0x${string}`, c: `0x${string}`, d: `0x${string}`, e: `0x${string}`

beforeAll(async () => {
  chain = await startHoldersChain(5)
  ;[a, b, c, d, e] = chain.accounts as [`0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`]
  token = await chain.deployToken(1_000n)
  const send = (from: `0x${string}`, to: string, value: bigint) => chain.write(token, 'token', from, 'transfer', [to, value])
  await send(a, b, 100n)
  await send(a, c, 200n)
  await send(a, d, 300n)
  await send(c, a, 200n) // c sends everything back: no longer a holder
  await send(d, e, 50n)
  await chain.write(token, 'token', d, 'burn', [250n]) // d burns the rest
  await chain.write(token, 'token', b, 'burn', [40n]) // b keeps 60
  await send(e, b, 0n) // a zero transfer changes nothing
  afterTokenHistory = await chain.publicClient.getBlockNumber()

  collection = await chain.deployCollection()
  const mint = (to: string, id: bigint) => chain.write(collection, 'collection', a, 'mint', [to, id])
  await mint(a, 1n)
  await mint(b, 2n)
  await mint(b, 3n)
  await mint(c, 4n)
  await mint(a, 5n)
  const move = (from: `0x${string}`, to: string, id: bigint) => chain.write(collection, 'collection', from, 'transferFrom', [from, to, id])
  await move(b, d, 2n)
  await move(d, b, 2n) // and back
  await move(c, e, 4n) // c no longer owns anything
  await move(a, e, 5n)
  await chain.write(collection, 'collection', b, 'burn', [3n])
})
afterAll(() => chain.close())

/** Holders as [address, balance] pairs, the form the expectations below use. */
const pairs = (holders: { address: string; balance: bigint }[]) => holders.map((h) => [h.address, h.balance] as const)

describe('getTokenHolders', () => {
  test('default: ERC-20 holders after transfers, transfers back and burns, checked against balanceOf', async () => {
    const result = await getTokenHolders({ client: chain.publicClient, address: token, kind: 'erc20' })
    expect(pairs(result.holders)).toEqual([
      [getAddress(a), 600n],
      [getAddress(b), 60n],
      [getAddress(e), 50n],
    ])
    expect(result.holders.every((h) => h.tokenIds === undefined)).toBe(true)
    expect(result).toMatchObject({ token: getAddress(token), kind: 'erc20', fromBlock: 0n, toBlock: await chain.publicClient.getBlockNumber() })
    // The chain agrees, holder or not.
    const { abi } = compileHolderContracts().token
    for (const account of chain.accounts) {
      const balance = (await chain.publicClient.readContract({ address: token, abi, functionName: 'balanceOf', args: [account] })) as bigint
      expect(result.holders.find((h) => h.address === getAddress(account))?.balance ?? 0n).toBe(balance)
    }
  })

  test('default: ERC-721 owners and their token ids after mints, transfers back and a burn, checked against ownerOf', async () => {
    const result = await getTokenHolders({ client: chain.publicClient, address: collection, kind: 'erc721' })
    expect(result.holders).toEqual([
      { address: getAddress(e), balance: 2n, tokenIds: [4n, 5n] },
      ...[
        { address: getAddress(a), balance: 1n, tokenIds: [1n] },
        { address: getAddress(b), balance: 1n, tokenIds: [2n] },
      ].sort((x, y) => (x.address.toLowerCase() < y.address.toLowerCase() ? -1 : 1)),
    ])
    const { abi } = compileHolderContracts().collection
    for (const id of [1n, 2n, 4n, 5n]) {
      const owner = (await chain.publicClient.readContract({ address: collection, abi, functionName: 'ownerOf', args: [id] })) as string
      expect(result.holders.find((h) => h.tokenIds!.includes(id))?.address).toBe(getAddress(owner))
    }
  })

  test('parameters: chunkSize: any range size gives the same holders, one getLogs per chunk', async () => {
    const head = await chain.publicClient.getBlockNumber()
    const whole = await getTokenHolders({ client: chain.publicClient, address: collection, kind: 'erc721' })
    for (const chunkSize of [1n, 2n, 7n, head + 1n]) {
      let calls = 0
      const counting: TokenLogReader = {
        getLogs: (p) => (calls++, chain.publicClient.getLogs(p)),
        getBlockNumber: () => chain.publicClient.getBlockNumber(),
      }
      const result = await getTokenHolders({ client: counting, address: collection, kind: 'erc721', chunkSize })
      expect(result.holders).toEqual(whole.holders)
      expect(calls).toBe(Number((head + chunkSize) / chunkSize))
    }
  })

  test('parameters: fromBlock and toBlock: a past block gives the holders then; progress reports each range', async () => {
    const progress: bigint[] = []
    const result = await getTokenHolders({
      client: chain.publicClient,
      address: token,
      kind: 'erc20',
      toBlock: afterTokenHistory,
      chunkSize: 4n,
      onProgress: (p) => progress.push(p.scannedTo),
    })
    expect(pairs(result.holders)).toEqual([
      [getAddress(a), 600n],
      [getAddress(b), 60n],
      [getAddress(e), 50n],
    ])
    expect(progress.at(-1)).toBe(afterTokenHistory)
    expect(progress).toEqual([...progress].sort((x, y) => (x < y ? -1 : 1)))
    // Only the deployment and the first two transfers (blocks 1-3 after the account funding at 0).
    const deployment = await getTokenHolders({ client: chain.publicClient, address: token, kind: 'erc20', toBlock: 3n })
    expect(pairs(deployment.holders)).toEqual([
      [getAddress(a), 700n],
      [getAddress(c), 200n],
      [getAddress(b), 100n],
    ])
  })

  test('behavior: a provider that refuses large ranges is asked again in halves', async () => {
    const head = await chain.publicClient.getBlockNumber()
    const ranges: bigint[] = []
    const capped: TokenLogReader = {
      getLogs: async (p) => {
        ranges.push(p.toBlock - p.fromBlock + 1n)
        if (p.toBlock - p.fromBlock + 1n > 3n) throw new Error('query exceeds max block range 3')
        return chain.publicClient.getLogs(p)
      },
      getBlockNumber: () => chain.publicClient.getBlockNumber(),
    }
    const result = await getTokenHolders({ client: capped, address: collection, kind: 'erc721', chunkSize: head + 1n })
    expect(result.holders).toEqual((await getTokenHolders({ client: chain.publicClient, address: collection, kind: 'erc721' })).holders)
    expect(ranges[0]).toBe(head + 1n)
    expect(ranges.some((size) => size <= 3n)).toBe(true)
  })

  test('behavior: a reader that always fails gives a TokenHoldersError naming the first block, after a bounded number of tries', async () => {
    let calls = 0
    const broken: TokenLogReader = {
      getLogs: async () => {
        calls++
        throw new Error('rpc down')
      },
      getBlockNumber: async () => 1_000_000n,
    }
    const error = await getTokenHolders({ client: broken, address: token, kind: 'erc20', chunkSize: 1024n }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenHoldersError)
    expect(error).toMatchObject({ code: 'TOKEN_HOLDERS_FAILED', fromBlock: 0n, toBlock: 0n })
    expect((error as TokenHoldersError).cause).toEqual(new Error('rpc down'))
    expect(calls).toBe(11) // 1024, 512, …, 1
  })

  test('behavior: the wrong kind is reported, not silently miscounted', async () => {
    const error = await getTokenHolders({ client: chain.publicClient, address: collection, kind: 'erc20' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenHoldersError)
    expect((error as TokenHoldersError).details).toMatch(/not an ERC-20/)
  })

  test('behavior: an empty range or a contract without transfers has no holders', async () => {
    const head = await chain.publicClient.getBlockNumber()
    expect((await getTokenHolders({ client: chain.publicClient, address: token, kind: 'erc20', fromBlock: head + 10n })).holders).toEqual([])
    expect((await getTokenHolders({ client: chain.publicClient, address: a, kind: 'erc721' })).holders).toEqual([])
  })

  test('behavior: an aborted signal stops the scan with AbortError', async () => {
    const controller = new AbortController()
    const scan = getTokenHolders({
      client: chain.publicClient,
      address: token,
      kind: 'erc20',
      chunkSize: 1n,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.scannedTo === 2n) controller.abort()
      },
    })
    await expect(scan).rejects.toBeInstanceOf(AbortError)
  })

  test('parameters: invalid ones throw TypeError', async () => {
    const client = chain.publicClient
    await expect(getTokenHolders({ client, address: '0x123', kind: 'erc20' })).rejects.toThrow(TypeError)
    await expect(getTokenHolders({ client, address: token, kind: 'erc1155' as 'erc20' })).rejects.toThrow(TypeError)
    await expect(getTokenHolders({ client, address: token, kind: 'erc20', chunkSize: 0n })).rejects.toThrow(TypeError)
    await expect(getTokenHolders({ client, address: token, kind: 'erc20', fromBlock: 5n, toBlock: 4n })).rejects.toThrow(TypeError)
    await expect(getTokenHolders({ client: {} as TokenLogReader, address: token, kind: 'erc20' })).rejects.toThrow(TypeError)
  })
})
