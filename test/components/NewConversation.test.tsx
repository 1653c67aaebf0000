import { render, screen, waitFor } from '@testing-library/react'
import { type Conversation, startConversation } from '@xmtp-kit/client'
import { NewConversation, ensAddressResolver } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import axe from 'axe-core'
import ganache from 'ganache'
import { createRef } from 'react'
import solc from 'solc'
import { type Abi, type Hex, createPublicClient, createWalletClient, custom, defineChain, namehash, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestNetwork } from '../react/support.js'
import { renderWithClient } from './support.js'

async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const NOBODY = '0x000000000000000000000000000000000000dEaD'

/**
 * The ENS Universal Resolver's `resolveWithGateways`, as viem's `getEnsAddress` calls it, over a table of
 * names (by namehash) that the test fills: enough ENS for a local chain. An unknown name answers no data
 * (viem: `null`); the real contract reverts with `ResolverNotFound`, which viem does not recognize in
 * ganache's revert format.
 */
const RESOLVER_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract TestUniversalResolver {
    mapping(bytes32 => address) public addrOf;

    function setAddr(bytes32 node, address value) external {
        addrOf[node] = value;
    }

    /// data is addr(bytes32 node): the selector, then the node.
    function resolveWithGateways(bytes calldata, bytes calldata data, string[] calldata) external view returns (bytes memory, address) {
        address value = addrOf[bytes32(data[4:36])];
        if (value == address(0)) return ("", address(0));
        return (abi.encode(value), address(this));
    }
}
`

function compileResolver(): { abi: Abi; bytecode: Hex } {
  const input = {
    language: 'Solidity',
    sources: { 'TestUniversalResolver.sol': { content: RESOLVER_SOURCE } },
    settings: { evmVersion: 'shanghai', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const contract = output.contracts['TestUniversalResolver.sol']!['TestUniversalResolver']!
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` }
}

/** A ganache chain with the resolver deployed; `register` points a name at an address. */
async function startEnsChain() {
  const provider = ganache.provider({ logging: { quiet: true }, wallet: { deterministic: true, totalAccounts: 1 }, chain: { hardfork: 'shanghai' } })
  const transport = custom(provider)
  const [deployer] = (await provider.request({ method: 'eth_accounts', params: [] })) as `0x${string}`[]
  const walletClient = createWalletClient({ account: deployer!, transport })
  const { abi, bytecode } = compileResolver()
  const bare = createPublicClient({ transport })
  const hash = await walletClient.deployContract({ abi, bytecode, chain: null, gas: 1_000_000n })
  const { contractAddress } = await bare.waitForTransactionReceipt({ hash })
  const chain = defineChain({
    id: 1337,
    name: 'ganache',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: ['http://127.0.0.1:0'] } },
    contracts: { ensUniversalResolver: { address: contractAddress! } },
  })
  const publicClient = createPublicClient({ chain, transport }) as PublicClient
  return {
    publicClient,
    /** The same chain, without an ENS contract configured: lookups fail. */
    misconfigured: bare as PublicClient,
    async register(name: string, address: string) {
      const tx = await walletClient.writeContract({ address: contractAddress!, abi, functionName: 'setAddr', args: [namehash(name), address], chain: null, gas: 200_000n })
      await bare.waitForTransactionReceipt({ hash: tx })
    },
    close: () => provider.disconnect(),
  }
}

let ens: Awaited<ReturnType<typeof startEnsChain>>
beforeAll(async () => {
  ens = await startEnsChain()
}, 60_000)
afterAll(() => ens.close())

const input = () => screen.getByRole('textbox', { name: 'Address or ENS name' })
const submit = () => screen.getByRole('button', { name: 'Start conversation' })

describe('NewConversation', () => {
  test('default: an address starts the conversation, calls onConversation and clears the input', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const started: Conversation[] = []
    const { user } = renderWithClient(me, <NewConversation onConversation={(c) => started.push(c)} />)
    // All lowercase: no checksum to check.
    await user.type(input(), alice.address.toLowerCase())
    expect(input()).not.toHaveAttribute('aria-invalid')
    await user.click(submit())
    await waitFor(() => expect(started.map((c) => c.peerAddress)).toEqual([alice.address]))
    expect(input()).toHaveValue('')
  })

  test('behavior: an existing conversation is reused', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const existing = await startConversation(alice, { peerAddress: me.address })
    const started: Conversation[] = []
    const { user } = renderWithClient(me, <NewConversation onConversation={(c) => started.push(c)} />)
    await user.type(input(), `${alice.address}{Enter}`)
    await waitFor(() => expect(started.map((c) => c.topic)).toEqual([existing.topic]))
  })

  test('behavior: bad input gets a clear error, linked to the input', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const started: Conversation[] = []
    const { user } = renderWithClient(me, <NewConversation onConversation={(c) => started.push(c)} />)

    await user.click(submit())
    expect(input()).toHaveAccessibleDescription('Enter a wallet address or an ENS name.')
    expect(input()).toHaveAttribute('aria-invalid', 'true')

    const invalid = 'Enter a wallet address (0x and 40 hexadecimal characters) or an ENS name.'
    for (const text of ['hello', '0x1234', `${alice.address}0`, alice.address.replace(/^0x./, '0xg')]) {
      await user.clear(input())
      // Typing clears the last error; the format is checked on submit.
      await user.type(input(), text)
      expect(input()).not.toHaveAttribute('aria-invalid')
      await user.keyboard('{Enter}')
      expect(input()).toHaveAccessibleDescription(invalid)
    }

    // A mixed-case address with one letter's case flipped: a typo the checksum catches, as it is typed.
    const letter = alice.address.slice(2).search(/[a-fA-F]/) + 2
    const flip = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())
    const typo = alice.address.slice(0, letter) + flip(alice.address[letter]!) + alice.address.slice(letter + 1)
    await user.clear(input())
    await user.type(input(), typo)
    expect(input()).toHaveAttribute('aria-invalid', 'true')
    expect(input()).toHaveAccessibleDescription('This address has a wrong checksum: check it for typos, or type it in lowercase.')
    await user.click(submit())
    expect(screen.getByRole('status')).toHaveTextContent('wrong checksum')
    expect(started).toEqual([])
  })

  test('behavior: a wallet not on XMTP is reported as typed, and not started', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const started: Conversation[] = []
    const { user } = renderWithClient(me, <NewConversation onConversation={(c) => started.push(c)} />)
    await user.type(input(), NOBODY)
    const reason = 'This wallet is not on XMTP yet, so it cannot receive messages.'
    await waitFor(() => expect(input()).toHaveAccessibleDescription(reason))
    expect(input()).toHaveAttribute('aria-invalid', 'true')
    await user.click(submit())
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(reason))
    expect(started).toEqual([])
  })

  test('behavior: the own address is refused', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const { user } = renderWithClient(me, <NewConversation />)
    await user.type(input(), me.address)
    expect(input()).toHaveAccessibleDescription('This is your own wallet.')
  })

  test('parameters: resolveAddress with ensAddressResolver (ENS on a local chain)', async () => {
    const net = createTestNetwork()
    const [me, alice, bob] = await Promise.all([net.client(), net.client(), net.client()])
    await ens.register('alice.eth', alice.address)
    await ens.register('nobody.eth', NOBODY)
    const resolve = ensAddressResolver(ens.publicClient)
    expect(await resolve('alice.eth')).toBe(alice.address)
    expect(await resolve(' Alice.ETH ')).toBe(alice.address)
    expect(await resolve('unknown.eth')).toBeNull()

    const started: Conversation[] = []
    const { user } = renderWithClient(me, <NewConversation resolveAddress={resolve} onConversation={(c) => started.push(c)} />)
    await user.type(input(), 'alice.eth{Enter}')
    await waitFor(() => expect(started.map((c) => c.peerAddress)).toEqual([alice.address]))

    await user.type(input(), 'unknown.eth{Enter}')
    await waitFor(() => expect(input()).toHaveAccessibleDescription('No address found for unknown.eth.'))

    await user.clear(input())
    await user.type(input(), 'nobody.eth{Enter}')
    await waitFor(() => expect(input()).toHaveAccessibleDescription('This wallet is not on XMTP yet, so it cannot receive messages.'))
    expect(started).toHaveLength(1)

    // bob is not registered yet; then he is.
    await user.clear(input())
    await user.type(input(), 'bob.eth{Enter}')
    await waitFor(() => expect(input()).toHaveAccessibleDescription('No address found for bob.eth.'))
    await ens.register('bob.eth', bob.address)
    await user.click(submit())
    await waitFor(() => expect(started.map((c) => c.peerAddress)).toEqual([alice.address, bob.address]))
  })

  test('behavior: a failed name lookup says so; without a resolver names are refused', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const { user, rerender } = renderWithClient(me, <NewConversation resolveAddress={ensAddressResolver(ens.misconfigured)} />)
    await user.type(input(), 'alice.eth{Enter}')
    await waitFor(() => expect(input()).toHaveAccessibleDescription('Could not look up alice.eth. Try again.'))

    rerender(
      <XMTPProvider client={me}>
        <NewConversation />
      </XMTPProvider>,
    )
    await user.click(submit())
    expect(input()).toHaveAccessibleDescription('Names cannot be looked up here. Enter a 0x address.')
  })

  test('behavior: without a wallet the submit button is disabled, with a hint', async () => {
    const net = createTestNetwork()
    render(
      <XMTPProvider transport={net.transport}>
        <NewConversation />
      </XMTPProvider>,
    )
    expect(submit()).toBeDisabled()
    expect(screen.getByRole('status')).toHaveTextContent('Connect a wallet to send messages.')
  })

  test('parameters: conversationContext, defaultValue, labels, theme, className, ref', async () => {
    const net = createTestNetwork()
    const [me, alice] = await Promise.all([net.client(), net.client()])
    const started: Conversation[] = []
    const ref = createRef<HTMLFormElement>()
    const context = { conversationId: 'example.com/support', metadata: {} }
    const { user } = renderWithClient(
      me,
      <NewConversation
        ref={ref}
        className="mine"
        theme="dark"
        defaultValue={alice.address}
        conversationContext={context}
        labels={{ recipientLabel: 'To', startConversation: 'Go' }}
        onConversation={(c) => started.push(c)}
      />,
    )
    expect(ref.current).toHaveClass('xk-root', 'xk-new-conversation', 'mine')
    expect(ref.current).toHaveAttribute('data-theme', 'dark')
    expect(screen.getByRole('textbox', { name: 'To' })).toHaveValue(alice.address)
    await user.click(screen.getByRole('button', { name: 'Go' }))
    await waitFor(() => expect(started[0]?.context).toEqual(context))
  })

  test('behavior: no axe violations, empty and with an error', async () => {
    const net = createTestNetwork()
    const me = await net.client()
    const { user, container } = renderWithClient(me, <NewConversation />)
    expect(await violations(container)).toEqual([])
    await user.type(input(), 'nope{Enter}')
    expect(input()).toHaveAttribute('aria-invalid', 'true')
    expect(await violations(container)).toEqual([])
  })
})
