import { MessageButton, MessageHoldersButton } from '@xmtp-kit/components'
import { WagmiConnectButton } from '@xmtp-kit/components/wagmi'
import '@xmtp-kit/components/styles.css'
import { XMTPProvider } from '@xmtp-kit/react'
import { useSignerFromWagmi } from '@xmtp-kit/react/wagmi'
import type { ReactNode } from 'react'
import { usePublicClient } from 'wagmi'

// Messaging turns on as soon as a wallet connects (inside your WagmiProvider and QueryClientProvider).
export function WithMessaging({ children }: { children: ReactNode }) {
  const { signer } = useSignerFromWagmi()
  return (
    <XMTPProvider url="http://localhost:5555" signer={signer}>
      <WagmiConnectButton />
      {children}
    </XMTPProvider>
  )
}

// "Message" on a profile: checks the wallet is on XMTP, then opens the conversation in a dialog.
export function Profile({ owner }: { owner: `0x${string}` }) {
  return <MessageButton peerAddress={owner}>Message the creator</MessageButton>
}

// One message to every holder of your token, each in their own conversation, with progress and a report.
export function Announce({ token, deployedAt }: { token: `0x${string}`; deployedAt: bigint }) {
  const publicClient = usePublicClient()!
  return <MessageHoldersButton token={{ address: token, kind: 'erc20', client: publicClient, fromBlock: deployedAt }} />
}
