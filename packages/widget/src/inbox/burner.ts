import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { getAddress } from '@xmtp-kit/client'
import type { WidgetSigner } from '../types.js'

/** Where the temporary wallet's private key is kept (this origin's localStorage). */
export const BURNER_STORAGE_KEY = 'xmtp-kit-widget:temporary-wallet'

export interface Burner {
  address: string
  signer: WidgetSigner
  /** False when localStorage is unavailable: the key lives only as long as the page. */
  persisted: boolean
}

function storedKey(): { key: Uint8Array; persisted: boolean } {
  try {
    const saved = localStorage.getItem(BURNER_STORAGE_KEY)
    if (saved && /^[0-9a-f]{64}$/.test(saved) && secp256k1.utils.isValidSecretKey(hexToBytes(saved))) return { key: hexToBytes(saved), persisted: true }
    const key = secp256k1.utils.randomSecretKey()
    localStorage.setItem(BURNER_STORAGE_KEY, bytesToHex(key))
    return { key, persisted: true }
  } catch {
    // Storage blocked (e.g. a sandboxed frame): a key for this page view only.
    return { key: secp256k1.utils.randomSecretKey(), persisted: false }
  }
}

/**
 * A temporary wallet for visitors without one: a secp256k1 key kept in this origin's localStorage, signing
 * like `personal_sign` (EIP-191). Only when the page opts in with `data-allow-burner`.
 */
export function burnerWallet(): Burner {
  const { key, persisted } = storedKey()
  const publicKey = secp256k1.getPublicKey(key, false)
  const address = getAddress(`0x${bytesToHex(keccak_256(publicKey.subarray(1)).subarray(12))}`)
  return {
    address,
    persisted,
    signer: {
      getAddress: () => address,
      async signMessage(message) {
        const text = utf8ToBytes(message)
        const digest = keccak_256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${text.length}`), text))
        const signature = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' })
        // noble's `recovered` format is recovery‖r‖s; wallets return r‖s‖v with v = 27 + recovery.
        return `0x${bytesToHex(signature.subarray(1))}${(27 + signature[0]!).toString(16)}`
      },
    },
  }
}
