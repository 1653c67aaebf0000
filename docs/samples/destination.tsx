import { and, consentIs, holdsToken, not } from '@xmtp-kit/client'
import { Inbox, XMTPUIProvider } from '@xmtp-kit/components'
import '@xmtp-kit/components/styles.css'
import { XMTPProvider, useInboxFilters } from '@xmtp-kit/react'
import { useSignerFromWagmi } from '@xmtp-kit/react/wagmi'
import { useMemo } from 'react'
import { usePublicClient } from 'wagmi'

// The whole inbox (list, views, threads, composer) for the wallet connected through wagmi.
export function Messages() {
  const { signer } = useSignerFromWagmi()
  return (
    <XMTPProvider url="http://localhost:5555" signer={signer}>
      <XMTPUIProvider theme="system">
        <Inbox style={{ height: 640 }} sendReadReceipts />
      </XMTPUIProvider>
    </XMTPProvider>
  )
}

// Your own view on top: conversations with holders of your token, requests included, read on-chain.
export function HoldersFirst({ token }: { token: `0x${string}` }) {
  const publicClient = usePublicClient()!
  const views = useMemo(
    () => ({ holders: and(not(consentIs('denied')), holdsToken({ token, readContract: publicClient.readContract })) }),
    [token, publicClient],
  )
  const { conversations, counts } = useInboxFilters({ views })
  return (
    <section>
      <h2>Holders first ({counts.holders})</h2>
      {conversations.map(({ conversation, unreadCount }) => (
        <p key={conversation.topic}>
          {conversation.peerAddress} {unreadCount > 0 && `(${unreadCount})`}
        </p>
      ))}
    </section>
  )
}
