import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

/** A viem local account as an XMTP signer that counts the signatures it is asked for. */
export interface CountingWallet {
  address: `0x${string}`
  signatures: number
  getAddress(): Promise<string>
  signMessage(message: string): Promise<string>
}

export function createCountingWallet(privateKey: `0x${string}` = generatePrivateKey()): CountingWallet {
  const account = privateKeyToAccount(privateKey)
  const wallet: CountingWallet = {
    address: account.address,
    signatures: 0,
    getAddress: async () => account.address,
    signMessage: (message) => {
      wallet.signatures++
      return account.signMessage({ message })
    },
  }
  return wallet
}
