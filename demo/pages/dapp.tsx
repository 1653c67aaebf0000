// The dapp: a DAO's member pages with "Message" buttons, an inbox in a dialog, and a team tool that reaches every
// holder of the DAO's token, read from the local chain.
import '@xmtp-kit/components/styles.css'
import './shared/demo.css'
import { type TokenHolder, getTokenHolders } from '@xmtp-kit/client'
import { Avatar, InboxDialog, MessageButton, MessageHoldersButton, useIdentity } from '@xmtp-kit/components'
import { useUnreadCount } from '@xmtp-kit/react'
import { useEffect, useState } from 'react'
import type { DemoPerson } from '../config.js'
import { mountDemoPage, short, useDemo } from './shared/DemoRoot.js'

/** Every DEMO holder with its balance, from the token's Transfer logs, refreshed now and then. */
function useHolders(): TokenHolder[] | undefined {
  const { config, publicClient } = useDemo()
  const [holders, setHolders] = useState<TokenHolder[] | undefined>(undefined)
  useEffect(() => {
    let active = true
    const read = () =>
      getTokenHolders({ client: publicClient, address: config.token.address, kind: 'erc20', fromBlock: BigInt(config.token.deployBlock) })
        .then((result) => active && setHolders([...result.holders].sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0))))
        .catch(() => undefined)
    void read()
    const timer = setInterval(read, 10_000)
    return () => {
      active = false
      clearInterval(timer)
    }
  }, [config, publicClient])
  return holders
}

function Dapp() {
  const { config } = useDemo()
  const holders = useHolders()
  const alice = config.people.find((p) => p.id === 'alice')!
  const members = config.people.filter((p) => p.role !== 'spam' && p.id !== 'alice')
  const balanceOf = (address: string) => holders?.find((h) => h.address.toLowerCase() === address.toLowerCase())?.balance
  return (
    <main className="dapp">
      <section className="dapp__hero">
        <div>
          <p className="demo-eyebrow">DEMO DAO · a dapp</p>
          <h1 className="dapp__title">Talk to any member, wallet to wallet</h1>
          <p className="demo-muted">
            <code>MessageButton</code> opens a conversation in a dialog; <code>MessageHoldersButton</code> writes to every holder of the
            DAO&apos;s token. Nothing leaves this page: the wallet signs, the node relays, the chain is local.
          </p>
        </div>
        <InboxButton />
      </section>
      <div className="dapp__grid">
        <Profile person={alice} balance={balanceOf(alice.address)} />
        <section className="demo-card dapp__members" aria-labelledby="members">
          <h2 className="demo-card__title" id="members">
            Members
          </h2>
          <ul className="demo-members">
            {members.map((person) => (
              <Member key={person.id} address={person.address} about={person.about} balance={balanceOf(person.address)} />
            ))}
            <Member address={config.offNetwork} about="Joined yesterday, has not used XMTP yet." balance={undefined} />
          </ul>
        </section>
        <TeamTools holders={holders} />
      </div>
    </main>
  )
}

function InboxButton() {
  const { total } = useUnreadCount()
  return (
    <InboxDialog
      trigger={
        <button type="button" className="demo-button demo-button--ghost">
          Your messages
          {total > 0 ? (
            <span className="demo-unread" aria-label={`${total} unread`}>
              {total}
            </span>
          ) : null}
        </button>
      }
    />
  )
}

function Profile({ person, balance }: { person: DemoPerson; balance: bigint | undefined }) {
  const { formatTokens } = useDemo()
  const { displayName } = useIdentity(person.address)
  return (
    <article className="demo-card profile" aria-labelledby="profile-name">
      <div className="profile__cover" aria-hidden="true" />
      <Avatar className="profile__avatar" address={person.address} size={88} />
      <h2 className="profile__name" id="profile-name">
        {displayName}
      </h2>
      <p className="profile__address">
        <code title={person.address}>{short(person.address)}</code>
        <CopyButton text={person.address} />
      </p>
      <p className="profile__about">{person.about}</p>
      <dl className="profile__stats">
        <div>
          <dt>Holds</dt>
          <dd>{balance === undefined ? '…' : formatTokens(balance)}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>Core contributor</dd>
        </div>
      </dl>
      <MessageButton className="profile__message" peerAddress={person.address}>
        Message {displayName}
      </MessageButton>
    </article>
  )
}

function Member({ address, about, balance }: { address: string; about: string; balance: bigint | undefined }) {
  const { displayName } = useIdentity(address)
  const { formatTokens } = useDemo()
  return (
    <li className="demo-member">
      <Avatar address={address} size={36} />
      <span className="demo-member__text">
        <span className="demo-member__name">{displayName}</span>
        <span className="demo-member__about">
          {about}
          {balance !== undefined && balance > 0n ? ` · ${formatTokens(balance)}` : ''}
        </span>
      </span>
      <MessageButton className="demo-member__button" peerAddress={address} aria-label={`Message ${displayName}`} />
    </li>
  )
}

function TeamTools({ holders }: { holders: TokenHolder[] | undefined }) {
  const { config, publicClient, formatTokens } = useDemo()
  const total = holders?.reduce((sum, h) => sum + h.balance, 0n) ?? 0n
  return (
    <section className="demo-card dapp__team" aria-labelledby="team-tools">
      <h2 className="demo-card__title" id="team-tools">
        Team tools
      </h2>
      <p className="demo-muted">
        Reach every {config.token.symbol} holder in their own conversation. The holders are read from the token&apos;s Transfer logs on the
        local chain; the treasury has no XMTP identity, so the reach check counts it apart.
      </p>
      <MessageHoldersButton
        className="demo-button"
        token={{ address: config.token.address, kind: 'erc20', client: publicClient, fromBlock: BigInt(config.token.deployBlock) }}
      >
        Message {config.token.symbol} holders
      </MessageHoldersButton>
      <table className="demo-table">
        <caption className="demo-visually-hidden">{config.token.symbol} holders</caption>
        <thead>
          <tr>
            <th scope="col">Holder</th>
            <th scope="col">Balance</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {holders === undefined ? (
            <tr>
              <td colSpan={3} className="demo-muted">
                Reading the chain…
              </td>
            </tr>
          ) : (
            holders.map((h) => <HolderLine key={h.address} holder={h} total={total} format={formatTokens} />)
          )}
        </tbody>
      </table>
    </section>
  )
}

function HolderLine({ holder, total, format }: { holder: TokenHolder; total: bigint; format: (amount: bigint) => string }) {
  const { displayName } = useIdentity(holder.address)
  const share = total > 0n ? Number((holder.balance * 10_000n) / total) / 100 : 0
  return (
    <tr>
      <td>
        <span className="demo-table__who">
          <Avatar address={holder.address} size={20} />
          {displayName}
        </span>
      </td>
      <td>{format(holder.balance)}</td>
      <td>{share < 0.01 ? '<0.01' : share.toFixed(2)}%</td>
    </tr>
  )
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      className="demo-link-button"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1_500)
          },
          () => undefined,
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}

void mountDemoPage('dapp', <Dapp />)
