// The destination: a wallet app's messaging screen. The drop-in Inbox with its views and a custom "DEMO holders"
// view (a tab, and a panel with balances) built from the client's filters and the useInboxFilters hook.
import '@xmtp-kit/components/styles.css'
import './shared/demo.css'
import { type Conversation, and, consentIs, getTokenHolders, holdsToken, inboxViews, not } from '@xmtp-kit/client'
import { Avatar, ConnectionStatus, Inbox, NewConversation, useIdentity } from '@xmtp-kit/components'
import { useClient, useInboxFilters, useStartConversation } from '@xmtp-kit/react'
import { useEffect, useMemo, useState } from 'react'
import { mountDemoPage, useDemo } from './shared/DemoRoot.js'

/** The inbox's views: the built-in consent views, plus "holders": conversations with wallets that hold DEMO. */
function useDemoViews() {
  const { config, publicClient } = useDemo()
  return useMemo(
    () => ({ ...inboxViews, holders: and(not(consentIs('denied')), holdsToken({ token: config.token.address, readContract: publicClient.readContract })) }),
    [config.token.address, publicClient],
  )
}

function Destination() {
  const { status, error } = useClient()
  const { wallet, config } = useDemo()
  const [open, setOpen] = useState<Conversation | null>(null)
  const views = useDemoViews()
  const ready = status === 'ready'
  return (
    <main className="destination">
      <aside className="destination__side" aria-label="Shortcuts">
        <TryTheBot onOpen={setOpen} />
        <HoldersFirst views={views} openTopic={open?.topic} onOpen={setOpen} />
        <section className="demo-card">
          <h2 className="demo-card__title">New conversation</h2>
          {ready ? <NewConversation onConversation={setOpen} /> : <p className="demo-muted">Available once messaging is on.</p>}
        </section>
      </aside>
      <section className="destination__inbox" aria-label="Inbox">
        <ConnectionStatus />
        {ready ? (
          <Inbox
            className="destination__kit-inbox"
            views={views}
            viewLabels={{ holders: 'Holders' }}
            conversation={open}
            onConversationChange={(c) => setOpen(c ?? null)}
            sendReadReceipts
          />
        ) : (
          <div className="demo-placeholder" role="status">
            {status === 'error'
              ? `Messaging could not start: ${error?.message ?? 'unknown error'}`
              : status === 'signing'
                ? 'Signing in to XMTP: your wallet asks you to sign…'
                : wallet.kind === 'injected' && !wallet.address
                  ? 'Connect your browser wallet (top right) to open its inbox.'
                  : 'Preparing your wallet…'}
          </div>
        )}
      </section>
    </main>
  )
}

/** Balances of every DEMO holder, read from the token's Transfer logs (and read again every few seconds). */
function useHolderBalances(): Map<string, bigint> {
  const { config, publicClient } = useDemo()
  const [balances, setBalances] = useState(new Map<string, bigint>())
  useEffect(() => {
    let active = true
    const read = () =>
      getTokenHolders({ client: publicClient, address: config.token.address, kind: 'erc20', fromBlock: BigInt(config.token.deployBlock) })
        .then(({ holders }) => active && setBalances(new Map(holders.map((h) => [h.address.toLowerCase(), h.balance]))))
        .catch(() => undefined)
    void read()
    const timer = setInterval(read, 10_000)
    return () => {
      active = false
      clearInterval(timer)
    }
  }, [config, publicClient])
  return balances
}

/**
 * The "holders" view beside the Inbox (where it is also a tab), with each holder's balance: conversations with
 * wallets that hold DEMO, from Primary and Requests alike, so that a holder's request comes before the spam.
 * `holdsToken` reads each peer's balance on the local chain.
 */
function HoldersFirst({
  views,
  openTopic,
  onOpen,
}: {
  views: ReturnType<typeof useDemoViews>
  openTopic: string | undefined
  onOpen: (conversation: Conversation) => void
}) {
  const { config } = useDemo()
  const { conversations, isFiltering, status } = useInboxFilters({ views, view: 'holders' })
  const balances = useHolderBalances()
  const loading = status !== 'ready' || (isFiltering && conversations.length === 0)
  return (
    <section className="demo-card" aria-labelledby="holders-first">
      <h2 className="demo-card__title" id="holders-first">
        {config.token.symbol} holders first <span className="demo-count">{loading ? '…' : conversations.length}</span>
      </h2>
      <p className="demo-muted">
        Primary and requests from wallets that hold {config.token.symbol}, read on the local chain by a custom inbox filter:{' '}
        <code>and(not(consentIs('denied')), holdsToken(…))</code>.
      </p>
      {loading ? (
        <p className="demo-muted" role="status">
          Reading balances…
        </p>
      ) : conversations.length === 0 ? (
        <p className="demo-muted">No conversation with a holder yet.</p>
      ) : (
        <ul className="demo-people" aria-label={`Conversations with ${config.token.symbol} holders`}>
          {conversations.map(({ conversation, consent, unreadCount }) => (
            <HolderRow
              key={conversation.topic}
              address={conversation.peerAddress}
              balance={balances.get(conversation.peerAddress.toLowerCase())}
              request={consent === 'requested'}
              unread={unreadCount}
              current={conversation.topic === openTopic}
              onClick={() => onOpen(conversation)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

function HolderRow({
  address,
  balance,
  request,
  unread,
  current,
  onClick,
}: {
  address: string
  balance: bigint | undefined
  request: boolean
  unread: number
  current: boolean
  onClick: () => void
}) {
  const { displayName } = useIdentity(address)
  const { formatTokens } = useDemo()
  return (
    <li>
      <button type="button" className="demo-person" aria-current={current || undefined} onClick={onClick}>
        <Avatar address={address} size={32} />
        <span className="demo-person__text">
          <span className="demo-person__name">
            {displayName}
            {request ? <span className="demo-tag">Request</span> : null}
          </span>
          <span className="demo-person__meta">{balance === undefined ? '…' : formatTokens(balance)}</span>
        </span>
        {unread > 0 ? (
          <span className="demo-unread" aria-label={`${unread} unread`}>
            {unread}
          </span>
        ) : null}
      </button>
    </li>
  )
}

function TryTheBot({ onOpen }: { onOpen: (conversation: Conversation) => void }) {
  const { config } = useDemo()
  const { status: clientStatus } = useClient()
  const { startConversation, status, error } = useStartConversation()
  return (
    <section className="demo-card demo-card--accent">
      <h2 className="demo-card__title">See it stream</h2>
      <p className="demo-muted">The reply bot streams every message on the node and answers in about a second.</p>
      <button
        type="button"
        className="demo-button"
        disabled={clientStatus !== 'ready' || status === 'pending'}
        onClick={async () => {
          const conversation = await startConversation(config.bot)
          if (conversation) onOpen(conversation)
        }}
      >
        Message the reply bot
      </button>
      {error ? (
        <p className="demo-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </section>
  )
}

void mountDemoPage('destination', <Destination />)
