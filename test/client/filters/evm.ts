import ganache from 'ganache'
import solc from 'solc'
import { createPublicClient, createWalletClient, custom, type Abi, type Hex, type PublicClient, type WalletClient } from 'viem'

/** A minimal ERC-20 (balances, transfer, Transfer events), compiled in the test setup with solc-js (no download). */
const TOKEN_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract TestToken {
    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;
    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(uint256 supply) {
        balanceOf[msg.sender] = supply;
        totalSupply = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        require(balanceOf[msg.sender] >= value, "balance too low");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}
`

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
}

/** Compiles {@link TOKEN_SOURCE}; `evmVersion: 'shanghai'` because ganache 7.9 knows no later fork. */
export function compileTestToken(): { abi: Abi; bytecode: Hex } {
  const input = {
    language: 'Solidity',
    sources: { 'TestToken.sol': { content: TOKEN_SOURCE } },
    settings: { evmVersion: 'shanghai', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const contract = output.contracts['TestToken.sol']!['TestToken']!
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` }
}

export interface LocalChain {
  publicClient: PublicClient
  walletClient: WalletClient
  /** The funded, unlocked deployer. */
  deployer: `0x${string}`
  /** Deploys a fresh TestToken minting `supply` to the deployer; resolves with its address. */
  deployToken(supply: bigint): Promise<`0x${string}`>
  transfer(token: `0x${string}`, to: string, amount: bigint): Promise<void>
  close(): Promise<void>
}

/** Ganache gives `eth_sendTransaction` without `gas` only 90 000 gas: too little to deploy. */
const GAS = 1_000_000n

/** An in-process ganache chain (instamine) behind viem clients. */
export async function startLocalChain(): Promise<LocalChain> {
  const provider = ganache.provider({ logging: { quiet: true }, wallet: { deterministic: true, totalAccounts: 1 }, chain: { hardfork: 'shanghai' } })
  const transport = custom(provider)
  const [deployer] = (await provider.request({ method: 'eth_accounts', params: [] })) as `0x${string}`[]
  const publicClient = createPublicClient({ transport }) as PublicClient
  const walletClient = createWalletClient({ account: deployer!, transport })
  const { abi, bytecode } = compileTestToken()

  return {
    publicClient,
    walletClient,
    deployer: deployer!,
    async deployToken(supply) {
      const hash = await walletClient.deployContract({ abi, bytecode, args: [supply], account: deployer!, chain: null, gas: GAS })
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('TestToken deployment failed.')
      return receipt.contractAddress
    },
    async transfer(token, to, amount) {
      const hash = await walletClient.writeContract({ address: token, abi, functionName: 'transfer', args: [to, amount], account: deployer!, chain: null, gas: GAS })
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success') throw new Error('transfer failed.')
    },
    close: () => provider.disconnect(),
  }
}
