import type { CacheError } from '../cache/CacheError.js'
import { equalBytes } from '@noble/curves/utils.js'
import { readAddressLocator, writeAddressLocator } from '../cache/addressLocator.js'
import { loadClientCache, openClientCache, verifiedKeysTag, wereKeysVerified, type CacheOpening } from '../cache/clientCache.js'
import type { Persistence } from '../cache/Persistence.js'
import { getAddress } from '../crypto/address.js'
import { fetchContact, fetchContacts } from '../contacts/fetchContact.js'
import { useNativeCrypto } from '../crypto/useNativeCrypto.js'
import { encodeContactBundles, findContact, type Contact } from '../contacts/contactBundle.js'
import { KeystoreError, SignerError, TransportError } from '../errors/errors.js'
import { createAuthTokenCache } from '../identity/authToken.js'
import {
  createPrivateKeyBundle,
  equalSignedPublicKeyBundles,
  getPublicKeyBundle,
  recoverIdentityKeyAddress,
  toSignedPublicKeyBundle,
  verifyPrivateKeyBundle,
  type PrivateKeyBundleV1,
  type PublicKeyBundle,
  type SignedPublicKeyBundle,
} from '../identity/keyBundle.js'
import { decodePrivateKeyBundle, encodePrivateKeyBundle } from '../keystore/privateKeyBundleEncoding.js'
import { fetchStoredKeyBundle, openPrivateKeyBundle, sealPrivateKeyBundle } from '../keystore/privateStore.js'
import type { Signer } from '../signer/types.js'
import type { Envelope, Transport } from '../transport/types.js'
import { buildContactTopic, buildPrivateStoreTopic } from '../utils/topics.js'
import { setClientKeys } from './clientKeys.js'

/** Contact topics are read five envelopes at a time, newest first, as `fetchContact` (and the SDK) does. */
const CONTACT_PAGE_SIZE = 5

/** How long "this wallet is not on the network" is remembered before asking the network again. */
const NEGATIVE_CONTACT_TTL_MS = 30_000

export interface CreateClientParameters {
  /** How to reach the network, e.g. `httpTransport({ url })`. */
  transport: Transport
  /** The wallet. Needed unless `keys` are given. */
  signer?: Signer | undefined
  /** Keys from `exportKeys()` or the official SDK's `Client.getKeys`: no wallet signature is needed. */
  keys?: Uint8Array | undefined
  /** Publish this wallet's contact bundle unless the newest one already equals it. Default `true`. */
  publishContact?: boolean | undefined
  /**
   * Where to keep the local cache (opened invitations, messages, resume points), encrypted with a key
   * derived from the identity key, so that a restart lists known conversations without ECDH and fetches
   * only what is new: `indexedDbPersistence()` in browsers, `memoryPersistence()`, or your own. Default: none.
   */
  persistence?: Persistence | undefined
  /** Told when the cache cannot be read or written; the client then rebuilds what it lost from the network. */
  onCacheError?: ((error: CacheError) => void) | undefined
  /**
   * In Node, use libsecp256k1 (WebAssembly) instead of the pure-JavaScript default for the curve work,
   * 5–12× faster. Ignored in browsers. Default `true`.
   */
  nativeCrypto?: boolean | undefined
  signal?: AbortSignal | undefined
}

export interface Client {
  /** EIP-55 address of the wallet. */
  readonly address: string
  readonly transport: Transport
  /** The legacy (v1) public bundle. */
  readonly publicKeyBundle: PublicKeyBundle
  /** The v2 public bundle, as published on the contact topic and carried in invitations. */
  readonly signedPublicKeyBundle: SignedPublicKeyBundle
  /** The private keys in the official SDK's `Client.getKeys` format. Keep them secret. */
  exportKeys(): Uint8Array
  /** Whether a wallet (or each of several) has a valid identity on the network. Cached. */
  canMessage(address: string): Promise<boolean>
  canMessage(addresses: readonly string[]): Promise<boolean[]>
  /** A wallet's verified contact bundle, cached. */
  getContact(address: string): Promise<Contact | undefined>
  /** Publishes with this identity's auth token (refreshed and retried once if the node refuses it). */
  publish(envelopes: readonly Envelope[], parameters?: { signal?: AbortSignal }): Promise<void>
}

async function loadOrCreateKeys(
  transport: Transport,
  signer: Signer,
  address: string,
  signal: AbortSignal | undefined,
): Promise<{ bundle: PrivateKeyBundleV1; store: boolean }> {
  const stored = await fetchStoredKeyBundle(transport, address, signal)
  if (stored) {
    const { bundle, legacyFormat } = await openPrivateKeyBundle(signer, stored)
    return { bundle, store: legacyFormat }
  }
  return { bundle: await createPrivateKeyBundle(signer), store: true }
}

/**
 * Gives a wallet its XMTP identity, exactly as the official SDK does (§13): keys passed in (no signature),
 * else the keys stored on the network (one signature), else new keys, stored encrypted on the network
 * (two signatures). Then publishes the contact bundle unless the newest one is already ours.
 *
 * @throws {SignerError} when the wallet refuses to sign or signs as another address.
 * @throws {KeystoreError} when stored or given keys cannot be used.
 * @throws {TransportError} when the node cannot be reached or refuses.
 * @example
 * const client = await createClient({ signer: toSigner(account), transport: httpTransport({ url }) })
 */
export async function createClient(parameters: CreateClientParameters): Promise<Client> {
  const { transport, signer, keys, publishContact = true, persistence, onCacheError, nativeCrypto = true, signal } = parameters
  if (nativeCrypto) await useNativeCrypto()
  let bundle: PrivateKeyBundleV1
  let address: string
  let storeKeys = false
  let opening: CacheOpening | undefined
  let verifiedKeys: string | undefined
  if (keys) {
    bundle = decodePrivateKeyBundle(keys).bundle
    try {
      const identityKey = bundle.identityKey?.secp256k1?.bytes
      if (persistence && identityKey?.length === 32) {
        // The checks of the keys (the wallet signature, whose recovered address names the cache, each private key
        // against its public key, the pre-key's signature) are skipped when the cache's sealed index records that
        // these exact keys passed them before. The address locator names that cache without the recovery; without
        // it (or when its cache has no such record) the address is recovered.
        const located = await readAddressLocator(persistence, identityKey)
        const locatedOpening = located === undefined ? undefined : openClientCache({ persistence, address: located, identityKey })
        if (located !== undefined && locatedOpening && (await wereKeysVerified(locatedOpening, keys))) {
          address = located
          opening = locatedOpening
        } else {
          address = recoverIdentityKeyAddress(getPublicKeyBundle(bundle).identityKey!)
          opening = address === located && locatedOpening ? locatedOpening : openClientCache({ persistence, address, identityKey })
          if (!(await wereKeysVerified(opening, keys)) && verifyPrivateKeyBundle(bundle) !== address) {
            throw new TypeError('The identity key recovers to two addresses.')
          }
          // Written in the background: a failure only means the next start recovers the address again.
          writeAddressLocator(persistence, identityKey, address).catch(() => {})
        }
        verifiedKeys = verifiedKeysTag(opening, keys)
      } else address = verifyPrivateKeyBundle(bundle)
    } catch (cause) {
      throw new KeystoreError('The given keys are invalid.', { cause })
    }
    if (signer && getAddress(await signer.getAddress()) !== address) {
      throw new KeystoreError('The given keys belong to another wallet than the signer.')
    }
  } else {
    if (!signer) throw new TypeError('createClient: either `signer` or `keys` is required.')
    address = getAddress(await signer.getAddress())
    ;({ bundle, store: storeKeys } = await loadOrCreateKeys(transport, signer, address, signal))
  }

  const auth = createAuthTokenCache(bundle, address)
  const publish = async (envelopes: readonly Envelope[], { signal }: { signal?: AbortSignal } = {}) => {
    try {
      await transport.publish(envelopes, { authorization: auth.get(), signal })
    } catch (error) {
      if (!(error instanceof TransportError) || error.grpcCode !== 16) throw error
      auth.invalidate()
      await transport.publish(envelopes, { authorization: auth.get(), signal })
    }
  }

  if (storeKeys) {
    if (!signer) throw new SignerError('A signer is needed to store keys.')
    const sealed = await sealPrivateKeyBundle(signer, bundle)
    await publish([{ contentTopic: buildPrivateStoreTopic(address), timestampNs: BigInt(Date.now()) * 1_000_000n, message: sealed }], { signal })
  }

  const publicKeyBundle = getPublicKeyBundle(bundle)
  const signedPublicKeyBundle = toSignedPublicKeyBundle(publicKeyBundle)

  const ensureContact = async () => {
    const [legacy, signed] = encodeContactBundles(publicKeyBundle, signedPublicKeyBundle)
    const topic = buildContactTopic(address)
    // Newest first, as fetchContact reads it; when the newest envelope is byte for byte the bundle this
    // client would publish (its own verified keys), it is the newest valid contact: nothing to check.
    let current: Contact | undefined
    let newest = true
    for await (const page of transport.query({ contentTopic: topic, direction: 'descending', pageSize: CONTACT_PAGE_SIZE, signal })) {
      if (newest && page.envelopes[0] && equalBytes(page.envelopes[0].message, signed)) return
      newest = false
      current = findContact(
        page.envelopes.map((e) => e.message),
        address,
      )
      if (current) break
    }
    if (!current || current.legacyBundle || !equalSignedPublicKeyBundles(current.bundle, signedPublicKeyBundle)) {
      const first = BigInt(Date.now()) * 1_000_000n
      await publish([{ contentTopic: topic, timestampNs: first, message: legacy }], { signal })
      // The v2 bundle must read as the newest even within the same millisecond.
      const second = BigInt(Date.now()) * 1_000_000n
      await publish([{ contentTopic: topic, timestampNs: second > first ? second : first + 1n, message: signed }], { signal })
    }
  }

  const found = new Map<string, Contact>()
  const missing = new Map<string, number>()
  const remember = (wanted: string, contact: Contact | undefined) => {
    if (contact) {
      found.set(wanted, contact)
      missing.delete(wanted)
    } else missing.set(wanted, Date.now())
  }
  const cached = (wanted: string): Contact | null | undefined => {
    const hit = found.get(wanted)
    if (hit) return hit
    const at = missing.get(wanted)
    return at !== undefined && Date.now() - at < NEGATIVE_CONTACT_TTL_MS ? null : undefined
  }
  const normalize = (a: string) => {
    try {
      return getAddress(a)
    } catch {
      return undefined
    }
  }

  const getContact = async (peer: string) => {
    const wanted = normalize(peer)
    if (!wanted) return undefined
    const hit = cached(wanted)
    if (hit !== undefined) return hit ?? undefined
    const contact = await fetchContact({ transport, address: wanted })
    remember(wanted, contact)
    return contact
  }

  async function canMessage(addresses: string | readonly string[]): Promise<boolean | boolean[]> {
    if (typeof addresses === 'string') return (await getContact(addresses)) !== undefined
    const wanted = addresses.map(normalize)
    const unknown = [...new Set(wanted.filter((a): a is string => a !== undefined && cached(a) === undefined))]
    if (unknown.length > 0) {
      const contacts = await fetchContacts({ transport, addresses: unknown })
      unknown.forEach((a, i) => remember(a, contacts[i]))
    }
    return wanted.map((a) => a !== undefined && Boolean(cached(a)))
  }

  const client: Client = {
    address,
    transport,
    publicKeyBundle,
    signedPublicKeyBundle,
    exportKeys: () => encodePrivateKeyBundle(bundle),
    canMessage: canMessage as Client['canMessage'],
    getContact,
    publish,
  }
  setClientKeys(client, bundle)
  // The contact check (a query) and reading the cache do not depend on each other.
  await Promise.all([
    publishContact ? ensureContact() : undefined,
    persistence ? loadClientCache(client, { persistence, onError: onCacheError, opening, verifiedKeys }) : undefined,
  ])
  return client
}
