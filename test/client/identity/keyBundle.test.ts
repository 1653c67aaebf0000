import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import {
  createPrivateKeyBundle,
  getPublicKeyBundle,
  publicKeyBytesToSign,
  recoverIdentityKeyAddress,
  toPublicKeyBundle,
  toSignedPublicKeyBundle,
  verifyPublicKeyBundle,
  verifySignedPublicKeyBundle,
} from '../../../packages/client/src/identity/keyBundle.js'
import { createIdentityText } from '../../../packages/client/src/identity/signatureTexts.js'
import { publicKey } from '../../../packages/client/src/proto.js'
import { toSigner } from '../../../packages/client/src/signer/toSigner.js'
import { SignatureError, SignerError } from '../../../packages/client/src/errors/errors.js'
import { vectors } from '../../support/vectors.js'

const { A, B } = vectors

async function bundleFor(v: typeof A) {
  const signer = toSigner(privateKeyToAccount(`0x${v.walletPriv}`))
  return createPrivateKeyBundle(signer, {
    now: v.timestampMs ?? A.timestampMs,
    identityPrivateKey: hexToBytes(v.identityPriv),
    preKeyPrivateKey: hexToBytes(v.preKeyPriv),
  })
}

describe('createPrivateKeyBundle', () => {
  test('behavior: matches the known-answer vector (identity bytes, signature texts, signatures, bundles)', async () => {
    const bundle = await bundleFor(A)
    const identity = bundle.identityKey!.publicKey!
    expect(bytesToHex(identity.secp256k1Uncompressed!.bytes)).toBe(A.identityPub)
    expect(bytesToHex(publicKeyBytesToSign(identity))).toBe(A.identityBytesToSign)
    expect(createIdentityText(publicKeyBytesToSign(identity))).toBe(A.identitySigRequestText)
    expect(bytesToHex(identity.signature!.ecdsaCompact!.bytes)).toBe(A.identityWalletSig.bytes)
    expect(identity.signature!.ecdsaCompact!.recovery).toBe(A.identityWalletSig.recovery)
    const pre = bundle.preKeys[0]!.publicKey!
    expect(bytesToHex(pre.signature!.ecdsaCompact!.bytes)).toBe(A.preKeySigByIdentity.bytes)
    expect(pre.signature!.ecdsaCompact!.recovery).toBe(A.preKeySigByIdentity.recovery)
    expect(bytesToHex(publicKey.PublicKeyBundle.encode(getPublicKeyBundle(bundle)).finish())).toBe(A.publicKeyBundleV1Hex)
    expect(recoverIdentityKeyAddress(identity)).toBe(A.wallet)
  })

  test('behavior: the v2 bundle derived from a legacy one matches the vector and converts back', async () => {
    const legacy = getPublicKeyBundle(await bundleFor(B))
    const signed = toSignedPublicKeyBundle(legacy)
    expect(bytesToHex(publicKey.SignedPublicKeyBundle.encode(signed).finish())).toBe(B.signedPublicKeyBundleHex)
    expect(verifySignedPublicKeyBundle(signed)).toBe(B.wallet)
    expect(verifyPublicKeyBundle(legacy)).toBe(B.wallet)
    expect(publicKey.PublicKeyBundle.encode(toPublicKeyBundle(signed)).finish()).toEqual(publicKey.PublicKeyBundle.encode(legacy).finish())
  })

  test('behavior: a wallet that signs as another address is refused', async () => {
    const real = privateKeyToAccount(`0x${A.walletPriv}`)
    const other = privateKeyToAccount(`0x${B.walletPriv}`)
    const lying = { getAddress: () => real.address, signMessage: (message: string) => other.signMessage({ message }) }
    await expect(createPrivateKeyBundle(lying)).rejects.toThrow(SignerError)
  })
})

describe('verifyPublicKeyBundle', () => {
  test('behavior: rejects a pre-key signed by another key and an identity key signed by another text', async () => {
    const a = getPublicKeyBundle(await bundleFor(A))
    const b = getPublicKeyBundle(await bundleFor(B))
    expect(() => verifyPublicKeyBundle({ identityKey: a.identityKey, preKey: b.preKey })).toThrow(SignatureError)
    const tampered = publicKey.PublicKey.decode(publicKey.PublicKey.encode(a.identityKey!).finish())
    tampered.timestamp = tampered.timestamp.add(1)
    // The signature now recovers to some other address: not an error, but not the wallet's.
    expect(recoverIdentityKeyAddress(tampered)).not.toBe(A.wallet)
  })

  test('behavior: rejects a high-S pre-key signature', async () => {
    const a = getPublicKeyBundle(await bundleFor(A))
    const sig = a.preKey!.signature!.ecdsaCompact!
    const n = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141')
    const s = BigInt(`0x${bytesToHex(sig.bytes.subarray(32))}`)
    const highS = hexToBytes((n - s).toString(16).padStart(64, '0'))
    const malleated = { ...a.preKey!, signature: { ecdsaCompact: { bytes: new Uint8Array([...sig.bytes.subarray(0, 32), ...highS]), recovery: sig.recovery ^ 1 }, walletEcdsaCompact: undefined } }
    expect(() => verifyPublicKeyBundle({ identityKey: a.identityKey, preKey: malleated })).toThrow('The pre-key is not signed by the identity key.')
  })
})
