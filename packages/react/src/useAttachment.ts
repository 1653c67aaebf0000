import {
  type Attachment,
  ContentTypeAttachment,
  ContentTypeRemoteAttachment,
  type DecodedMessage,
  fetchRemoteAttachment,
  type FetchRemoteAttachmentParameters,
  isSameContentType,
  type RemoteAttachment,
} from '@xmtp-kit/client'
import { useMemo, useRef } from 'react'
import { constantStore } from './internal/constantStore.js'
import { IDLE_RESOURCE, type ResourceSnapshot, resourceStore } from './internal/resourceStore.js'
import { useStore } from './useStore.js'

export interface UseAttachmentParameters {
  /** Refuse downloads larger than this (announced or actual). Default 25 MiB. */
  maxBytes?: number | undefined
  /** Refuse compressed content that inflates past this. Default 10 MiB. */
  maxDecompressedBytes?: number | undefined
  /** `fetch` to download with. Default: the global one. */
  fetch?: FetchRemoteAttachmentParameters['fetch']
  /** Accept `http://` URLs: only for tests against a loopback server. */
  allowInsecure?: boolean | undefined
  /** Default `true`; `false` waits (e.g. until the user taps "download"). */
  enabled?: boolean | undefined
}

export interface UseAttachmentReturnType {
  /** The file: name, MIME type and bytes. */
  attachment: Attachment | undefined
  status: ResourceSnapshot<Attachment>['status']
  /** `PayloadTooLargeError` past `maxBytes`, `ContentDigestError` for a replaced file, `TransportError`… */
  error: Error | undefined
}

const idle = constantStore<ResourceSnapshot<never>>(IDLE_RESOURCE)
const downloads = {}

/** The remote attachment a message carries, or the one given. */
function remoteOf(source: DecodedMessage | RemoteAttachment | undefined): RemoteAttachment | Attachment | undefined {
  if (!source) return undefined
  if ('contentType' in source && 'topic' in source) {
    if (source.content === undefined) return undefined
    if (isSameContentType(source.contentType, ContentTypeRemoteAttachment)) return source.content as RemoteAttachment
    if (isSameContentType(source.contentType, ContentTypeAttachment)) return source.content as Attachment
    return undefined
  }
  return source
}

/**
 * The file of an attachment message: an inline attachment as is, a remote one downloaded (https only,
 * capped at `maxBytes`, its digest checked) and decrypted. Downloads are shared between components showing
 * the same file and dropped when none does.
 *
 * @example
 * const { attachment, status } = useAttachment(message, { maxBytes: 5 * 1024 * 1024 })
 * if (attachment) return <p>{attachment.filename}: {attachment.data.length} bytes</p>
 */
export function useAttachment(source: DecodedMessage | RemoteAttachment | undefined, parameters: UseAttachmentParameters = {}): UseAttachmentReturnType {
  const { enabled = true, maxBytes, maxDecompressedBytes, allowInsecure } = parameters
  const fetchRef = useRef(parameters.fetch)
  fetchRef.current = parameters.fetch
  const target = remoteOf(source)
  const inline = target && 'data' in target ? target : undefined
  const remote = target && !inline ? (target as RemoteAttachment) : undefined
  const digest = remote?.contentDigest
  const store = useMemo(() => {
    if (!remote || !enabled) return idle
    const key = `${remote.url}\n${digest}\n${maxBytes}\n${maxDecompressedBytes}\n${allowInsecure}`
    return resourceStore<Attachment>(downloads, key, (signal) =>
      fetchRemoteAttachment(remote, { maxBytes, maxDecompressedBytes, allowInsecure, fetch: fetchRef.current, signal }),
    )
    // A remote attachment is identified by its URL and digest: a new object for the same file is the same download.
  }, [remote?.url, digest, enabled, maxBytes, maxDecompressedBytes, allowInsecure])
  const { data, status, error } = useStore(store)
  if (inline) return { attachment: inline, status: 'ready', error: undefined }
  return { attachment: data, status, error }
}
