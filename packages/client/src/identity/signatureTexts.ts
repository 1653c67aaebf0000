import { bytesToHex } from '@noble/hashes/utils.js'

const FOOTER = '\n\nFor more info: https://xmtp.org/signatures/'

/** Text a wallet signs to vouch for an XMTP identity key (§5.1). */
export const createIdentityText = (keyBytes: Uint8Array): string => `XMTP : Create Identity\n${bytesToHex(keyBytes)}${FOOTER}`

/** Text a wallet signs to derive the secret that encrypts its stored keys (§6). */
export const enableIdentityText = (walletPreKey: Uint8Array): string => `XMTP : Enable Identity\n${bytesToHex(walletPreKey)}${FOOTER}`
