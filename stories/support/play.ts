import {
  type Client,
  type ConsentState,
  type Conversation,
  createClient,
  getConsentState,
  getMessageText,
  listConversations,
  listMessages,
  loadConsentList,
  memoryTransport,
} from '@xmtp-kit/client'
import { expect, waitFor } from 'storybook/test'
import type { Scenario } from './scenarios.js'

/** Stories in the dark theme (the toolbar's global, set per story). */
export const dark = { theme: 'dark' } as const
/** Stories in the narrow viewport (320 px): the toolbar's viewport, which the story frame also applies. */
export const narrow = { viewport: { value: 'narrow', isRotated: false } } as const

/** The token values the dark theme sets (`styles/base.css`), as computed colours. */
export const DARK_BACKGROUND = 'rgb(18, 19, 23)'

/** The texts of a conversation's latest messages as `client` (who must know it) reads them from the network. */
export async function networkTexts(client: Client, conversation: Conversation): Promise<(string | undefined)[]> {
  const messages = await listMessages(client, { conversation: conversation.topic, direction: 'descending', limit: 20 })
  return messages.map(getMessageText)
}

/** Waits until `client` reads `text` in `conversation` on the network. */
export async function expectOnNetwork(client: Client, conversation: Conversation, text: string) {
  await waitFor(async () => expect(await networkTexts(client, conversation)).toContain(text))
}

/** The rendered message rows (for the virtualization bound). */
export const messageRows = (root: HTMLElement) => root.querySelectorAll('.xk-message').length

/** Nothing in `root` is wider than it: no horizontal scrolling at this width. */
export function expectNoHorizontalOverflow(root: HTMLElement) {
  for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
    const box = el.getBoundingClientRect()
    if (box.width === 0) continue
    expect(box.right, `${el.className || el.tagName} ends past the frame`).toBeLessThanOrEqual(root.getBoundingClientRect().right + 0.5)
  }
}

/**
 * What the network says of `address`'s consent, as another device of the local user would read it: a fresh
 * client from the same keys, on an undisturbed transport, loads the consent list.
 */
export async function consentOnNetwork(scenario: Scenario, address: string): Promise<ConsentState> {
  const device = await createClient({ keys: scenario.me.exportKeys(), transport: memoryTransport({ network: scenario.network }) })
  await loadConsentList(device)
  return getConsentState(device, address)
}

/** The dark theme's text colour (`--xk-color-text`), computed. */
export const DARK_TEXT = 'rgb(236, 238, 242)'

/** Waits until `peer` reads `text` from `sender` on the network (in the conversation between them). */
export async function expectReceived(peer: Client, sender: string, text: string) {
  await waitFor(async () => {
    const conversation = (await listConversations(peer)).find((c) => c.peerAddress === sender)
    expect(conversation, `${peer.address} has no conversation with ${sender}`).toBeDefined()
    expect(await networkTexts(peer, conversation!)).toContain(text)
  })
}
