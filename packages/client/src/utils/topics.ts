import { getAddress } from '../crypto/address.js'

/** `/xmtp/0/<name>/proto`, the form of every XMTP content topic (§1). */
export const buildContentTopic = (name: string): string => `/xmtp/0/${name}/proto`

/** Where a wallet's public key bundles are published. */
export const buildContactTopic = (address: string): string => buildContentTopic(`contact-${getAddress(address)}`)

/** Where a wallet's encrypted private key bundle is stored. */
export const buildPrivateStoreTopic = (address: string): string => buildContentTopic(`privatestore-${getAddress(address)}/key_bundle`)

/** Where invitations to a wallet's v2 conversations arrive. */
export const buildInviteTopic = (address: string): string => buildContentTopic(`invite-${getAddress(address)}`)

/** Where first v1 messages to a wallet are copied. */
export const buildIntroTopic = (address: string): string => buildContentTopic(`intro-${getAddress(address)}`)

/** The v1 direct-message topic of two wallets: checksummed, sorted by UTF-16 code units, joined with `-`. */
export const buildDirectMessageTopic = (a: string, b: string): string => {
  const [first, second] = [getAddress(a), getAddress(b)].sort()
  return buildContentTopic(`dm-${first}-${second}`)
}
