/** Longest content topic the node accepts, in bytes (xmtp-node-go `MaxContentTopicNameSize`). */
export const MAX_TOPIC_BYTES = 300

/** Largest envelope `message` the node accepts, in bytes: 1 MiB less headroom (`MaxMessageSize`). */
export const MAX_MESSAGE_BYTES = 1048576 - 300 - 62

const TOPIC_PREFIX = '/xmtp/0/'

/**
 * The category of a content topic: the text between `/xmtp/0/` and the first `-` (`contact`, `invite`,
 * `m`, `mE`, `userpreferences`, …), or `undefined` for a topic outside the `/xmtp/0/` namespace.
 */
export function getTopicCategory(topic: string): string | undefined {
  if (!topic.startsWith(TOPIC_PREFIX)) return undefined
  const name = topic.slice(TOPIC_PREFIX.length)
  const dash = name.indexOf('-')
  return dash === -1 ? name : name.slice(0, dash)
}

/** Ephemeral topics (`mE-…`, `dmE-…`) are relayed to live subscribers and never stored. */
export function isEphemeralTopic(topic: string): boolean {
  const category = getTopicCategory(topic)
  return category === 'mE' || category === 'dmE'
}

/**
 * For `contact-<addr>` and `privatestore-<addr>/…` topics, the wallet address that alone may publish
 * there; `undefined` for every other topic. Mirrors the node's split of the third `/` segment on `-`.
 */
export function getRestrictedTopicOwner(topic: string): string | undefined {
  const segment = topic.split('/')[3]
  if (segment === undefined) return undefined
  const [category, owner] = segment.split('-')
  if (category !== 'contact' && category !== 'privatestore') return undefined
  return owner ?? ''
}

/** True when the topic's category is `userpreferences` (the only one whose queries may ask for 500 rows). */
export function isUserPreferencesTopic(topic: string): boolean {
  return getTopicCategory(topic) === 'userpreferences'
}

/** `subscribe-all` delivers every topic in the `/xmtp/0/` namespace. */
export function isSubscribeAllTopic(topic: string): boolean {
  return topic.startsWith(TOPIC_PREFIX)
}
