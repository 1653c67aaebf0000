import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { ApiError, GrpcCode } from './errors.js'
import { authn, publicKey } from './proto.js'
import { getRestrictedTopicOwner } from './topic.js'

/** A token older than this is refused (xmtp-node-go `TokenExpiration`). */
export const TOKEN_MAX_AGE_MS = 60 * 60 * 1000

const unauthenticated = (message: string) => new ApiError(GrpcCode.Unauthenticated, message)

/** EIP-55 checksummed form of a 20-byte address. */
export function toChecksumAddress(address: Uint8Array): string {
  const hex = bytesToHex(address)
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex)))
  let out = '0x'
  for (let i = 0; i < 40; i++) out += parseInt(hash[i]!, 16) >= 8 ? hex[i]!.toUpperCase() : hex[i]
  return out
}

const addressOf = (uncompressed: Uint8Array) => toChecksumAddress(keccak_256(uncompressed.subarray(1)).subarray(12))

function eip191Hash(text: string): Uint8Array {
  const message = utf8ToBytes(text)
  const prefix = utf8ToBytes(`\x19Ethereum Signed Message:\n${message.length}`)
  const data = new Uint8Array(prefix.length + message.length)
  data.set(prefix)
  data.set(message, prefix.length)
  return keccak_256(data)
}

function recoverPublicKey(bytes: Uint8Array, recovery: number, hash: Uint8Array): Uint8Array {
  if (bytes.length !== 64 || (recovery !== 0 && recovery !== 1)) throw unauthenticated('invalid identity key signature')
  try {
    return secp256k1.Signature.fromBytes(bytes, 'compact').addRecoveryBit(recovery).recoverPublicKey(hash).toBytes(false)
  } catch {
    throw unauthenticated('invalid identity key signature')
  }
}

export interface VerifiedToken {
  /** Checksummed wallet address that signed the token's identity key. */
  walletAddress: string
  /** When the token was made, in milliseconds since the epoch. */
  createdAtMs: number
}

/**
 * Checks a publish token (`Authorization: Bearer <base64 Token>`): the identity key's wallet signature
 * ("XMTP : Create Identity"), the auth data signed by that identity key, and the wallet address in the
 * auth data. Expiry is checked by the caller, because a verified token is cached and reused.
 *
 * @throws {ApiError} `Unauthenticated` for any malformed or forged token.
 */
export function verifyToken(encoded: string): VerifiedToken {
  let token: ReturnType<typeof authn.Token.decode>
  try {
    token = authn.Token.decode(Buffer.from(encoded, 'base64'))
  } catch {
    throw unauthenticated('authorization token is malformed')
  }
  const identityKey = token.identityKey
  const signature = identityKey?.signature?.ecdsaCompact ?? identityKey?.signature?.walletEcdsaCompact
  const identityBytes = identityKey?.secp256k1Uncompressed?.bytes
  if (!identityKey || !signature || !identityBytes) throw unauthenticated('authorization token has no signed identity key')
  if (identityBytes.length !== 65 || identityBytes[0] !== 4) throw unauthenticated('identity key must be 65-byte uncompressed')

  const bytesToSign = publicKey.PublicKey.encode({
    timestamp: identityKey.timestamp,
    secp256k1Uncompressed: identityKey.secp256k1Uncompressed,
    signature: undefined,
  }).finish()
  const text = `XMTP : Create Identity\n${bytesToHex(bytesToSign)}\n\nFor more info: https://xmtp.org/signatures/`
  const walletKey = recoverPublicKey(signature.bytes, signature.recovery, eip191Hash(text))
  const walletAddress = addressOf(walletKey)

  const authSignature = token.authDataSignature?.ecdsaCompact
  if (!authSignature || authSignature.bytes.length !== 64) throw unauthenticated('authorization token has no auth data signature')
  let valid = false
  try {
    valid = secp256k1.verify(authSignature.bytes, keccak_256(token.authDataBytes), identityBytes, { prehash: false, lowS: true })
  } catch {
    valid = false
  }
  if (!valid) throw unauthenticated('auth data signature is invalid')

  let authData: ReturnType<typeof authn.AuthData.decode>
  try {
    authData = authn.AuthData.decode(token.authDataBytes)
  } catch {
    throw unauthenticated('auth data is malformed')
  }
  if (authData.walletAddr !== walletAddress) throw unauthenticated('auth data wallet address does not match the identity key')
  return { walletAddress, createdAtMs: Number(BigInt(authData.createdNs.toString()) / 1_000_000n) }
}

export interface Authenticator {
  /**
   * Authenticates a publish: returns the wallet address, or throws `Unauthenticated` / `PermissionDenied`.
   */
  authorize(authorization: string | undefined, topics: readonly string[]): string
}

/**
 * Publish authentication with a cache of verified tokens (the SDK reuses one token for about an hour, so
 * each is verified once). `privilegedAddresses` may publish to any restricted topic.
 */
export function createAuthenticator({
  privilegedAddresses = [],
  now = Date.now,
  cacheSize = 10_000,
  maxClockSkewMs = 10 * 60 * 1000,
}: { privilegedAddresses?: readonly string[]; now?: () => number; cacheSize?: number; maxClockSkewMs?: number } = {}): Authenticator {
  const cache = new Map<string, VerifiedToken>()
  const privileged = new Set(privilegedAddresses)

  return {
    authorize(authorization, topics) {
      const match = authorization?.match(/^Bearer\s+(\S+)$/i)
      if (!match) throw unauthenticated('authorization token is not provided')
      const encoded = match[1]!
      let verified = cache.get(encoded)
      if (!verified) {
        verified = verifyToken(encoded)
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!)
        cache.set(encoded, verified)
      }
      if (now() - verified.createdAtMs > TOKEN_MAX_AGE_MS) {
        cache.delete(encoded)
        throw unauthenticated('authorization token expired')
      }
      // Only the age was checked: a token dated years ahead stayed valid for years.
      if (verified.createdAtMs - now() > maxClockSkewMs) {
        cache.delete(encoded)
        throw unauthenticated('authorization token is dated in the future')
      }
      if (!privileged.has(verified.walletAddress)) {
        for (const topic of topics) {
          const owner = getRestrictedTopicOwner(topic)
          if (owner !== undefined && owner !== verified.walletAddress) {
            throw new ApiError(GrpcCode.PermissionDenied, 'publishing to restricted topic')
          }
        }
      }
      return verified.walletAddress
    },
  }
}
