'use client'
import type { Signer } from '@xmtp-kit/client'
import { useMemo } from 'react'
import { useWalletClient } from 'wagmi'
import { walletClientToSigner } from './walletClientToSigner.js'

export interface UseSignerFromWagmiParameters {
  /** Chain of the wallet client (default: the connected one). */
  chainId?: number | undefined
}

export interface UseSignerFromWagmiReturnType {
  /** The connected wallet as a signer; the same object until the wallet client changes. */
  signer: Signer | undefined
  /** The connected account. */
  address: `0x${string}` | undefined
  /** wagmi's query status of the wallet client. */
  status: 'pending' | 'error' | 'success'
  error: Error | null
}

/**
 * The wallet connected through wagmi as an XMTP signer. Pass it to `<XMTPProvider signer>` to connect as
 * soon as a wallet is, and to switch clients when the user switches accounts. Needs `WagmiProvider` and
 * TanStack Query's `QueryClientProvider` above (wagmi 2 or 3).
 *
 * @example
 * function App() {
 *   const { signer } = useSignerFromWagmi()
 *   return <XMTPProvider url={NODE_URL} signer={signer}><Inbox /></XMTPProvider>
 * }
 */
export function useSignerFromWagmi(parameters: UseSignerFromWagmiParameters = {}): UseSignerFromWagmiReturnType {
  const { data: walletClient, status, error } = useWalletClient(parameters.chainId === undefined ? {} : { chainId: parameters.chainId })
  const signer = useMemo(() => (walletClient ? walletClientToSigner(walletClient) : undefined), [walletClient])
  return { signer, address: walletClient?.account.address, status, error }
}
