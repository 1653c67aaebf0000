import { DecodeError } from '../errors/errors.js'
import { defineCodec } from './defineCodec.js'
import type { ContentTypeId } from './contentTypeId.js'
import { getParameter } from './parameters.js'

/** `xmtp.org/reaction:1.0` (XIP-20). */
export const ContentTypeReaction: ContentTypeId = Object.freeze({
  authorityId: 'xmtp.org',
  typeId: 'reaction',
  versionMajor: 1,
  versionMinor: 0,
})

/** A reaction to an earlier message. */
export interface Reaction {
  /** Id of the message reacted to (lowercase hex). */
  reference: string
  /** Inbox id of the referenced message's sender (group messages only). */
  referenceInboxId?: string | undefined
  action: 'added' | 'removed'
  /** How to display `content`: a Unicode emoji, a `:shortcode:`, or app-defined. */
  schema: 'unicode' | 'shortcode' | 'custom'
  content: string
}

const ACTIONS: ReadonlySet<unknown> = new Set(['added', 'removed'])
const SCHEMAS: ReadonlySet<unknown> = new Set(['unicode', 'shortcode', 'custom'])
const encoder = new TextEncoder()
const decoder = new TextDecoder()

function isReaction(value: Partial<Record<keyof Reaction, unknown>>): value is Reaction {
  return (
    ACTIONS.has(value.action) &&
    SCHEMAS.has(value.schema) &&
    typeof value.reference === 'string' &&
    typeof value.content === 'string' &&
    (value.referenceInboxId === undefined || typeof value.referenceInboxId === 'string')
  )
}

function canonical(value: Partial<Record<keyof Reaction, unknown>>): Reaction | undefined {
  // Other SDKs may write an absent inbox id as null.
  if (value.referenceInboxId === null) value = { ...value, referenceInboxId: undefined }
  if (!isReaction(value)) return undefined
  const { action, reference, referenceInboxId, schema, content } = value
  return referenceInboxId === undefined
    ? { action, reference, schema, content }
    : { action, reference, referenceInboxId, schema, content }
}

function parseJson(bytes: Uint8Array): Reaction | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes))
    return typeof value === 'object' && value !== null ? canonical(value) : undefined
  } catch {
    return undefined
  }
}

/**
 * Reactions (§10): UTF-8 JSON with keys in the SDK's order `action, reference, referenceInboxId, schema,
 * content` (`referenceInboxId` omitted when undefined), empty parameters. Decodes the legacy form too
 * (`action`, `reference`, `schema` parameters, the emoji as content). Pushed only when added.
 */
export const reactionCodec = defineCodec<Reaction>({
  contentType: ContentTypeReaction,
  encode(reaction: Reaction) {
    if (!isReaction(reaction ?? {})) {
      throw new TypeError(
        'reaction must have action "added" | "removed", schema "unicode" | "shortcode" | "custom", and string reference and content.',
      )
    }
    const { action, reference, referenceInboxId, schema, content } = reaction
    // Key order and JSON.stringify dropping `undefined` match the SDK byte for byte.
    const json = JSON.stringify({ action, reference, referenceInboxId, schema, content })
    return { type: ContentTypeReaction, parameters: {}, content: encoder.encode(json) }
  },
  decode(encoded) {
    const reaction =
      parseJson(encoded.content) ??
      canonical({
        action: getParameter(encoded.parameters, 'action'),
        reference: getParameter(encoded.parameters, 'reference'),
        schema: getParameter(encoded.parameters, 'schema'),
        content: decoder.decode(encoded.content),
      })
    if (!reaction) throw new DecodeError('reaction content', { details: 'Neither the JSON nor the legacy form is valid.' })
    return reaction
  },
  fallback(reaction) {
    if (reaction.action === 'added') return `Reacted \u201c${reaction.content}\u201d to an earlier message`
    if (reaction.action === 'removed') return `Removed \u201c${reaction.content}\u201d from an earlier message`
    return undefined
  },
  // §10 and @xmtp/content-type-reaction ≤ 1.1.10; 1.1.12 returns false for every reaction.
  shouldPush: (reaction) => reaction.action === 'added',
})
