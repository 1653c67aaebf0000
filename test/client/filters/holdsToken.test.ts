import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { KitError } from '@xmtp-kit/client'
import { and } from '../../../packages/client/src/filters/and.js'
import { applyInboxFilter } from '../../../packages/client/src/filters/applyInboxFilter.js'
import { consentIs } from '../../../packages/client/src/filters/consentIs.js'
import { holdsToken, type HoldsTokenReadContractParameters } from '../../../packages/client/src/filters/holdsToken.js'
import { not } from '../../../packages/client/src/filters/not.js'
import { TokenBalanceError } from '../../../packages/client/src/filters/TokenBalanceError.js'
import { startLocalChain, type LocalChain } from './evm.js'
import { ALICE, BOB, CAROL, buildItem } from './fixtures.js'

const TOKEN = '0x000000000000000000000000000000000000dEaD'
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('holdsToken (injected reader)', () => {
  test('default: passes peers with a balance of at least 1, asking readContract in viem\'s shape', async () => {
    const readContract = vi.fn(async ({ args }: HoldsTokenReadContractParameters) => (args[0] === ALICE ? 5n : 0n))
    const filter = holdsToken({ token: TOKEN, readContract })
    expect(await filter(buildItem({ peerAddress: ALICE }))).toBe(true)
    expect(await filter(buildItem({ peerAddress: BOB }))).toBe(false)
    expect(readContract).toHaveBeenCalledWith({
      address: TOKEN,
      abi: [
        {
          type: 'function',
          name: 'balanceOf',
          stateMutability: 'view',
          inputs: [{ name: 'account', type: 'address' }],
          outputs: [{ name: '', type: 'uint256' }],
        },
      ],
      functionName: 'balanceOf',
      args: [ALICE],
    })
  })

  test('parameters: minBalance (inclusive)', async () => {
    const balanceOf = async () => 100n
    expect(await holdsToken({ token: TOKEN, balanceOf, minBalance: 100n })(buildItem())).toBe(true)
    expect(await holdsToken({ token: TOKEN, balanceOf, minBalance: 101n })(buildItem())).toBe(false)
    expect(await holdsToken({ token: TOKEN, balanceOf: async () => 0n, minBalance: 0n })(buildItem())).toBe(true)
  })

  test('parameters: balanceOf gets the checksummed token and owner', async () => {
    const balanceOf = vi.fn(async () => 1n)
    await holdsToken({ token: TOKEN.toLowerCase() as `0x${string}`, balanceOf })(buildItem({ peerAddress: ALICE.toLowerCase() }))
    expect(balanceOf).toHaveBeenCalledWith({ token: TOKEN, owner: ALICE })
  })

  test('behavior: one read per peer per filter instance, concurrent evaluations included; a new instance reads again', async () => {
    const balanceOf = vi.fn(async () => {
      await tick()
      return 1n
    })
    const filter = holdsToken({ token: TOKEN, balanceOf })
    const items = [buildItem({ peerAddress: ALICE }), buildItem({ peerAddress: ALICE.toLowerCase() }), buildItem({ peerAddress: BOB })]
    expect(await Promise.all([...items, ...items].map(filter))).toEqual([true, true, true, true, true, true])
    expect(await filter(items[0]!)).toBe(true)
    expect(balanceOf).toHaveBeenCalledTimes(2)
    await holdsToken({ token: TOKEN, balanceOf })(items[0]!)
    expect(balanceOf).toHaveBeenCalledTimes(3)
  })

  test('behavior: a reader error fails the peer, is reported once per read, is not cached, and never throws', async () => {
    let fail = true
    const balanceOf = vi.fn(async () => {
      await tick()
      if (fail) throw new Error('rpc down')
      return 7n
    })
    const onError = vi.fn()
    const filter = holdsToken({ token: TOKEN, balanceOf, onError })
    const item = buildItem({ peerAddress: CAROL })
    expect(await Promise.all([filter(item), filter(item)])).toEqual([false, false])
    expect(onError).toHaveBeenCalledTimes(1)
    const error = onError.mock.calls[0]![0] as TokenBalanceError
    expect(error).toBeInstanceOf(TokenBalanceError)
    expect(error).toBeInstanceOf(KitError)
    expect(error.code).toBe('TOKEN_BALANCE_FAILED')
    expect(error.owner).toBe(CAROL)
    expect(error.token).toBe(TOKEN)
    expect((error.cause as Error).message).toBe('rpc down')
    fail = false
    expect(await filter(item)).toBe(true)
    expect(balanceOf).toHaveBeenCalledTimes(2)
  })

  test('behavior: a sync throw, a non-bigint answer and a throwing onError all end as false', async () => {
    const onError = vi.fn(() => {
      throw new Error('handler broke')
    })
    const throwing = holdsToken({
      token: TOKEN,
      balanceOf: () => {
        throw new Error('sync')
      },
      onError,
    })
    expect(await throwing(buildItem())).toBe(false)
    const wrongType = holdsToken({ token: TOKEN, balanceOf: async () => 5 as unknown as bigint, onError })
    expect(await wrongType(buildItem())).toBe(false)
    expect(onError).toHaveBeenCalledTimes(2)
    expect((onError.mock.calls[1] as unknown as [TokenBalanceError])[0].details).toBe('The reader answered number, not a bigint.')
  })

  test('behavior: an invalid peer address is reported, not thrown', async () => {
    const onError = vi.fn()
    const balanceOf = vi.fn(async () => 1n)
    expect(await holdsToken({ token: TOKEN, balanceOf, onError })(buildItem({ peerAddress: 'not-an-address' }))).toBe(false)
    expect(balanceOf).not.toHaveBeenCalled()
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(TokenBalanceError)
  })

  test('behavior: composes with sync filters, which run first and spare reads', async () => {
    const balanceOf = vi.fn(async () => 1n)
    const filter = and(consentIs('requested'), holdsToken({ token: TOKEN, balanceOf }))
    expect(await filter(buildItem({ consent: 'allowed' }))).toBe(false)
    expect(balanceOf).not.toHaveBeenCalled()
    expect(await filter(buildItem({ consent: 'requested' }))).toBe(true)
    expect(await not(holdsToken({ token: TOKEN, balanceOf: async () => 0n }))(buildItem())).toBe(true)
  })

  test('parameters: validated at creation', () => {
    const balanceOf = async () => 1n
    expect(() => holdsToken({ token: '0x123' as `0x${string}`, balanceOf })).toThrow(
      new TypeError('holdsToken: token must be a 0x-prefixed 20-byte address.'),
    )
    expect(() => holdsToken({ token: TOKEN, balanceOf, minBalance: -1n })).toThrow(
      new TypeError('holdsToken: minBalance must be a non-negative bigint.'),
    )
    expect(() => holdsToken({ token: TOKEN, balanceOf, minBalance: 1 as unknown as bigint })).toThrow(TypeError)
    expect(() => holdsToken({ token: TOKEN } as unknown as Parameters<typeof holdsToken>[0])).toThrow(
      new TypeError('holdsToken: readContract or balanceOf must be a function.'),
    )
  })
})

describe('holdsToken (real EVM: ganache in-process, ERC-20 compiled with solc-js, viem readContract)', () => {
  let chain: LocalChain
  let token: `0x${string}`

  beforeAll(async () => {
    chain = await startLocalChain()
    token = await chain.deployToken(1_000_000n)
    await chain.transfer(token, ALICE, 500n)
    await chain.transfer(token, BOB, 1n)
  }, 60_000)
  afterAll(() => chain?.close())

  test('default: viem\'s publicClient.readContract plugs in as is and reads real balances', async () => {
    const filter = holdsToken({ token, readContract: chain.publicClient.readContract })
    const items = [buildItem({ peerAddress: ALICE }), buildItem({ peerAddress: BOB }), buildItem({ peerAddress: CAROL })]
    expect(await applyInboxFilter(items, filter)).toEqual(items.slice(0, 2))
  })

  test('parameters: minBalance against on-chain balances', async () => {
    const filter = holdsToken({ token, readContract: chain.publicClient.readContract, minBalance: 2n })
    const items = [buildItem({ peerAddress: ALICE }), buildItem({ peerAddress: BOB })]
    expect(await applyInboxFilter(items, filter)).toEqual(items.slice(0, 1))
  })

  test('behavior: balances are cached per filter instance; a new instance sees a transfer', async () => {
    // Through a typed wrapper: viem's generic readContract infers bigint from the parameters holdsToken passes.
    const read = vi.fn((parameters: HoldsTokenReadContractParameters) => chain.publicClient.readContract(parameters))
    const filter = holdsToken({ token, readContract: read })
    const carol = buildItem({ peerAddress: CAROL })
    expect(await filter(carol)).toBe(false)
    await chain.transfer(token, CAROL, 3n)
    expect(await filter(carol)).toBe(false)
    expect(read).toHaveBeenCalledTimes(1)
    expect(await holdsToken({ token, readContract: chain.publicClient.readContract })(carol)).toBe(true)
  })

  test('behavior: a contract without code (reverted or empty call) fails the peer and reports the viem error', async () => {
    const onError = vi.fn()
    const noContract = '0x00000000000000000000000000000000000000B0'
    const filter = holdsToken({ token: noContract, readContract: chain.publicClient.readContract, onError })
    expect(await filter(buildItem({ peerAddress: ALICE }))).toBe(false)
    expect(onError).toHaveBeenCalledTimes(1)
    const error = onError.mock.calls[0]![0] as TokenBalanceError
    expect(error).toBeInstanceOf(TokenBalanceError)
    expect((error.cause as Error).name).toMatch(/ContractFunction/)
  })
})
