import ganache from 'ganache'
import solc from 'solc'
import { createPublicClient, createWalletClient, custom, type Abi, type Hex, type PublicClient, type WalletClient } from 'viem'

/**
 * A minimal ERC-20 (transfer, burn) and ERC-721 (mint, transferFrom, burn), compiled in the test setup with
 * solc-js (no download). Only what emits the `Transfer` events the holder scan reads.
 */
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract HolderToken {
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(uint256 supply) {
        balanceOf[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        require(balanceOf[msg.sender] >= value, "balance too low");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }

    function burn(uint256 value) external {
        require(balanceOf[msg.sender] >= value, "balance too low");
        balanceOf[msg.sender] -= value;
        emit Transfer(msg.sender, address(0), value);
    }
}

contract HolderCollection {
    mapping(uint256 => address) public ownerOf;
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);

    function mint(address to, uint256 tokenId) external {
        require(ownerOf[tokenId] == address(0), "minted");
        ownerOf[tokenId] = to;
        balanceOf[to] += 1;
        emit Transfer(address(0), to, tokenId);
    }

    function transferFrom(address from, address to, uint256 tokenId) external {
        require(ownerOf[tokenId] == from && from == msg.sender, "not owner");
        ownerOf[tokenId] = to;
        balanceOf[from] -= 1;
        balanceOf[to] += 1;
        emit Transfer(from, to, tokenId);
    }

    function burn(uint256 tokenId) external {
        address owner = ownerOf[tokenId];
        require(owner == msg.sender, "not owner");
        delete ownerOf[tokenId];
        balanceOf[owner] -= 1;
        emit Transfer(owner, address(0), tokenId);
    }
}
`

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
}

interface Compiled {
  abi: Abi
  bytecode: Hex
}

let compiled: { token: Compiled; collection: Compiled } | undefined

/** Compiles {@link SOURCE} once; `evmVersion: 'shanghai'` because ganache 7.9 knows no later fork. */
export function compileHolderContracts(): { token: Compiled; collection: Compiled } {
  if (compiled) return compiled
  const input = {
    language: 'Solidity',
    sources: { 'Holders.sol': { content: SOURCE } },
    settings: { evmVersion: 'shanghai', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const pick = (name: string): Compiled => {
    const contract = output.contracts['Holders.sol']![name]!
    return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` }
  }
  compiled = { token: pick('HolderToken'), collection: pick('HolderCollection') }
  return compiled
}

export interface HoldersChain {
  publicClient: PublicClient
  /** Funded, unlocked accounts; the first deploys. */
  accounts: `0x${string}`[]
  /** Deploys a HolderToken minting `supply` to `accounts[0]`. */
  deployToken(supply: bigint): Promise<`0x${string}`>
  /** Deploys an empty HolderCollection. */
  deployCollection(): Promise<`0x${string}`>
  /** Calls `functionName` on `contract` as `from`, and waits for it to be mined. */
  write(contract: `0x${string}`, kind: 'token' | 'collection', from: `0x${string}`, functionName: string, args: unknown[]): Promise<void>
  /** Mines empty blocks. */
  mine(blocks: number): Promise<void>
  close(): Promise<void>
}

/** Ganache gives `eth_sendTransaction` without `gas` only 90 000 gas: too little to deploy. */
const GAS = 1_000_000n

/**
 * An in-process ganache chain (instamine, one block per transaction) behind viem clients: `accounts` funded
 * accounts, or one per given secret key (so that a wallet with an XMTP identity can also send transactions).
 */
export async function startHoldersChain(accounts: number | readonly Hex[] = 5): Promise<HoldersChain> {
  const wallet =
    typeof accounts === 'number'
      ? { deterministic: true, totalAccounts: accounts }
      : { accounts: accounts.map((secretKey) => ({ secretKey, balance: '0x56bc75e2d63100000' })) } // 100 ether each
  const provider = ganache.provider({ logging: { quiet: true }, wallet, chain: { hardfork: 'shanghai' } })
  const transport = custom(provider)
  const funded = (await provider.request({ method: 'eth_accounts', params: [] })) as `0x${string}`[]
  // No block-number cache: each test reads the head it just mined.
  const publicClient = createPublicClient({ transport, cacheTime: 0 }) as PublicClient
  const walletClient: WalletClient = createWalletClient({ transport })
  const { token, collection } = compileHolderContracts()

  const deploy = async ({ abi, bytecode }: Compiled, args: unknown[]) => {
    const hash = await walletClient.deployContract({ abi, bytecode, args, account: funded[0]!, chain: null, gas: GAS })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('Deployment failed.')
    return receipt.contractAddress
  }

  return {
    publicClient,
    accounts: funded,
    deployToken: (supply) => deploy(token, [supply]),
    deployCollection: () => deploy(collection, []),
    async write(contract, kind, from, functionName, args) {
      const abi = kind === 'token' ? token.abi : collection.abi
      const hash = await walletClient.writeContract({ address: contract, abi, functionName, args, account: from, chain: null, gas: GAS })
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success') throw new Error(`${functionName} failed.`)
    },
    async mine(blocks) {
      for (let i = 0; i < blocks; i++) await provider.request({ method: 'evm_mine', params: [] })
    },
    close: () => provider.disconnect(),
  }
}
