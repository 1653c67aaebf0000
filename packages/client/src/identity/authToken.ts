import { keccak_256 } from '@noble/hashes/sha3.js'
import { signDigest } from '../crypto/secp256k1.js'
import { authn } from '../proto.js'
import { bytesToBase64 } from '../utils/base64.js'
import { toLong } from '../utils/long.js'
import type { PrivateKeyBundleV1 } from './keyBundle.js'

/** The SDK refreshes its token when it is older than this (one hour less ten seconds, §5.6). */
export const AUTH_TOKEN_REFRESH_MS = (3600 - 10) * 1000

/**
 * A publish token (§5.6): `AuthData{wallet_addr, created_ns}` signed by the identity key over keccak256,
 * with the wallet-signed identity public key. Returns the `Authorization` header value.
 */
export function createAuthorization(bundle: PrivateKeyBundleV1, walletAddress: string, now = Date.now()): string {
  const authDataBytes = authn.AuthData.encode({ walletAddr: walletAddress, createdNs: toLong(BigInt(now) * 1_000_000n) }).finish()
  const signature = signDigest(keccak_256(authDataBytes), bundle.identityKey!.secp256k1!.bytes)
  const token = authn.Token.encode({
    identityKey: bundle.identityKey!.publicKey,
    authDataBytes,
    authDataSignature: { ecdsaCompact: signature, walletEcdsaCompact: undefined },
  }).finish()
  return `Bearer ${bytesToBase64(token)}`
}

/** Caches the publish token until it nears expiry; `invalidate()` forces a new one (after a 401). */
export function createAuthTokenCache(bundle: PrivateKeyBundleV1, walletAddress: string, now: () => number = Date.now) {
  let cached: { value: string; createdAt: number } | undefined
  return {
    get(): string {
      const t = now()
      if (!cached || t - cached.createdAt > AUTH_TOKEN_REFRESH_MS) cached = { value: createAuthorization(bundle, walletAddress, t), createdAt: t }
      return cached.value
    },
    invalidate(): void {
      cached = undefined
    },
  }
}

export type AuthTokenCache = ReturnType<typeof createAuthTokenCache>
