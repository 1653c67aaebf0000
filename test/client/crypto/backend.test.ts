import { secp256k1 } from '@noble/curves/secp256k1.js'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { afterEach, describe, expect, test } from 'vitest'
import { nobleSecp256k1Backend, setSecp256k1Backend } from '@xmtp-kit/client'
import { wasmSecp256k1Backend } from '@xmtp-kit/client/wasm'
import { createInvitation } from '../../../packages/client/src/conversations/createInvitation.js'
import { verifySignedPublicKeyBundle } from '../../../packages/client/src/identity/keyBundle.js'
import { vectorBundle } from '../../support/vectorBundles.js'
import { vectors } from '../../support/vectors.js'

afterEach(() => setSecp256k1Backend())

describe('wasmSecp256k1Backend', () => {
  test('behavior: agrees with the noble backend on ECDH, verification and recovery (300 cases)', async () => {
    const wasm = await wasmSecp256k1Backend()
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean(), (message, tamper) => {
        const a = secp256k1.utils.randomSecretKey()
        const b = secp256k1.utils.randomSecretKey()
        const B = secp256k1.getPublicKey(b, false)
        expect(wasm.getSharedSecret(a, B)).toEqual(nobleSecp256k1Backend.getSharedSecret(a, B))
        const digest = sha256(message)
        const signed = secp256k1.sign(digest, a, { prehash: false, format: 'recovered' })
        const sig = signed.subarray(1)
        const A = secp256k1.getPublicKey(a, false)
        const checked = tamper ? sha256(digest) : digest
        expect(wasm.verify(sig, checked, A)).toBe(nobleSecp256k1Backend.verify(sig, checked, A))
        expect(wasm.recoverPublicKey(sig, signed[0]!, digest)).toEqual(A)
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: the protocol vectors hold with it installed', async () => {
    setSecp256k1Backend(await wasmSecp256k1Backend())
    const [A, B] = await Promise.all([vectorBundle('A'), vectorBundle('B')])
    expect(verifySignedPublicKeyBundle(B.signed)).toBe(vectors.B.wallet)
    const invitation = createInvitation({
      keys: A.keys, myAddress: A.address, peerAddress: B.address, peerBundle: B.signed,
      context: { conversationId: vectors.invite.conversationId, metadata: {} },
    })
    expect(invitation.topic).toBe(vectors.invite.topic)
  })
})

describe('nobleSecp256k1Backend', () => {
  test('behavior: verification with cached key tables agrees with noble on valid, tampered, high-S and wrong-key signatures (1,000 cases)', () => {
    const n = secp256k1.Point.CURVE().n
    // A few keys used many times, so their precomputed tables (after 8 and 256 uses) are exercised.
    const keys = Array.from({ length: 3 }, () => secp256k1.utils.randomSecretKey())
    fc.assert(
      fc.property(fc.nat({ max: 2 }), fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.constantFrom('valid', 'tampered', 'highS', 'wrongKey'), (k, message, kind) => {
        const priv = keys[k]!
        const pub = secp256k1.getPublicKey(kind === 'wrongKey' ? keys[(k + 1) % 3]! : priv, false)
        const digest = sha256(message)
        let sig = secp256k1.sign(digest, priv, { prehash: false })
        if (kind === 'tampered') sig = Uint8Array.from(sig, (b, i) => (i === 40 ? b ^ 1 : b))
        if (kind === 'highS') {
          const s = BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`)
          sig = new Uint8Array([...sig.subarray(0, 32), ...Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex')])
        }
        const expected = secp256k1.verify(sig, digest, pub, { prehash: false, lowS: true })
        expect(nobleSecp256k1Backend.verify(sig, digest, pub)).toBe(expected)
        if (kind === 'valid') expect(expected).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('createClient (crypto backend)', () => {
  test('behavior: in Node it switches to the WebAssembly backend unless told not to', async () => {
    const { createClient, createMemoryNetwork, getSecp256k1Backend, memoryTransport, toSigner } = await import('@xmtp-kit/client')
    const { generatePrivateKey, privateKeyToAccount } = await import('viem/accounts')
    const transport = memoryTransport({ network: createMemoryNetwork() })
    const signer = () => toSigner(privateKeyToAccount(generatePrivateKey()))
    await createClient({ signer: signer(), transport, nativeCrypto: false })
    expect(getSecp256k1Backend().name).toBe('noble')
    await createClient({ signer: signer(), transport })
    expect(getSecp256k1Backend().name).toBe('wasm')
  })
})
