// Publish tokens for the benchmark, made exactly as test/support/authToken.ts (and the official SDK) makes
// them: a wallet-signed identity key ("XMTP : Create Identity") that signs keccak256(AuthData).
import { createRequire } from 'node:module'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import Long from 'long'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

const { authn, publicKey } = createRequire(import.meta.url)('@xmtp/proto')

/** A new random wallet + identity key; `authorization()` returns a `Bearer …` header value. */
export async function createTestIdentity(account = privateKeyToAccount(generatePrivateKey())) {
  const identityPrivateKey = secp256k1.utils.randomSecretKey()
  const identityPublic = secp256k1.getPublicKey(identityPrivateKey, false)
  const unsigned = { timestamp: Long.fromNumber(Date.now(), true), secp256k1Uncompressed: { bytes: identityPublic } }
  const bytesToSign = publicKey.PublicKey.encode({ ...unsigned, signature: undefined }).finish()
  const walletSignature = await account.signMessage({
    message: `XMTP : Create Identity\n${bytesToHex(bytesToSign)}\n\nFor more info: https://xmtp.org/signatures/`,
  })
  const sig = Buffer.from(walletSignature.slice(2), 'hex')
  const identityKey = publicKey.PublicKey.fromPartial({
    ...unsigned,
    signature: { ecdsaCompact: { bytes: sig.subarray(0, 64), recovery: 1 - (sig[64] % 2) } },
  })

  return {
    account,
    address: account.address,
    authorization({ createdAtMs = Date.now(), walletAddress = account.address } = {}) {
      const authDataBytes = authn.AuthData.encode({
        walletAddr: walletAddress,
        createdNs: Long.fromString((BigInt(createdAtMs) * 1_000_000n).toString(), true),
      }).finish()
      const signature = secp256k1.sign(keccak_256(authDataBytes), identityPrivateKey, { prehash: false, format: 'recovered' })
      const token = authn.Token.encode({
        identityKey,
        authDataBytes,
        authDataSignature: { ecdsaCompact: { bytes: signature.subarray(1), recovery: signature[0] } },
      }).finish()
      return `Bearer ${Buffer.from(token).toString('base64')}`
    },
  }
}
