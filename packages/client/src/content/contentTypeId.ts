/**
 * Identifies the type of a message's content (`ContentTypeId` in `content.proto`, §10). Two ids name the
 * same type when authority and type match; the versions only decide which codec may decode it.
 */
export interface ContentTypeId {
  /** Authority governing the type, e.g. `'xmtp.org'`. */
  readonly authorityId: string
  /** Type within the authority, e.g. `'text'`. */
  readonly typeId: string
  readonly versionMajor: number
  readonly versionMinor: number
}

const UINT32_MAX = 0xffffffff
const PATTERN = /^([^/:]+)\/([^/:]+):(\d{1,10})\.(\d{1,10})$/

/**
 * The string form `authorityId/typeId:major.minor`, as the SDK prints it (and as reply parameters carry it).
 *
 * @example
 * formatContentTypeId({ authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 }) // 'xmtp.org/text:1.0'
 */
export function formatContentTypeId(id: ContentTypeId): string {
  return `${id.authorityId}/${id.typeId}:${id.versionMajor}.${id.versionMinor}`
}

/**
 * Inverse of {@link formatContentTypeId}.
 *
 * @throws {TypeError} if `text` is not `authorityId/typeId:major.minor` with 32-bit unsigned versions.
 * @example
 * parseContentTypeId('xmtp.org/reaction:1.0') // { authorityId: 'xmtp.org', typeId: 'reaction', versionMajor: 1, versionMinor: 0 }
 */
export function parseContentTypeId(text: string): ContentTypeId {
  const match = typeof text === 'string' ? PATTERN.exec(text) : null
  const versionMajor = Number(match?.[3])
  const versionMinor = Number(match?.[4])
  if (!match || !(versionMajor <= UINT32_MAX) || !(versionMinor <= UINT32_MAX)) {
    throw new TypeError('text must be a content type id of the form "authorityId/typeId:major.minor".')
  }
  return { authorityId: match[1]!, typeId: match[2]!, versionMajor, versionMinor }
}

/** Whether `a` and `b` name the same type (same authority and type id, any version), as the SDK's `sameAs`. */
export function isSameContentType(a: ContentTypeId, b: ContentTypeId): boolean {
  return a.authorityId === b.authorityId && a.typeId === b.typeId
}
