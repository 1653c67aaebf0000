import { hexToBytes } from '@noble/hashes/utils.js'
import { privateKeyToAccount } from 'viem/accounts'
import { createPrivateKeyBundle, getPublicKeyBundle, toSignedPublicKeyBundle } from '../../packages/client/src/identity/keyBundle.js'
import { toSigner } from '../../packages/client/src/signer/toSigner.js'
import { vectors } from './vectors.js'

/** The private bundle of vector identity `A` or `B` (deterministic keys, timestamp 1700000000000 ms). */
export async function vectorBundle(name: 'A' | 'B') {
  const v = vectors[name]
  const keys = await createPrivateKeyBundle(toSigner(privateKeyToAccount(`0x${v.walletPriv}`)), {
    now: v.timestampMs ?? vectors.A.timestampMs,
    identityPrivateKey: hexToBytes(v.identityPriv),
    preKeyPrivateKey: hexToBytes(v.preKeyPriv),
  })
  return { keys, address: v.wallet as string, signed: toSignedPublicKeyBundle(getPublicKeyBundle(keys)) }
}
