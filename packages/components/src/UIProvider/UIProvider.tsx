import type { DecodedMessage } from '@xmtp-kit/client'
import { type ComponentType, type ReactNode, createContext, useContext, useMemo } from 'react'
import type { AvatarProps } from '../Avatar/Avatar.js'
import { type Labels, mergeLabels } from '../labels.js'
import { type Identity, type IdentityResolver, useResolvedIdentity } from './identity.js'

/** The colour scheme: `light`, `dark`, or `system` (follows `prefers-color-scheme`). */
export type Theme = 'light' | 'dark' | 'system'

/** What a `MessageContent` slot receives: one message and whether the local user sent it. */
export interface MessageContentProps {
  message: DecodedMessage
  fromMe: boolean
}

/**
 * What an `EmptyState` slot receives: which list is empty (or `wallet`: nothing to show until a wallet is
 * connected) and the default text.
 */
export interface EmptyStateProps {
  kind: 'conversations' | 'messages' | 'selection' | 'wallet'
  text: string
}

/** The few parts that can be replaced. Anything deeper is built on the hooks of `@xmtp-kit/react`. */
export interface Slots {
  Avatar?: ComponentType<AvatarProps> | undefined
  MessageContent?: ComponentType<MessageContentProps> | undefined
  EmptyState?: ComponentType<EmptyStateProps> | undefined
}

export interface XMTPUIProviderProps {
  /** Overrides of the English defaults for every component below. A component's own `labels` win over these. */
  labels?: Partial<Labels> | undefined
  /** Replacement parts (nearest provider wins). */
  components?: Slots | undefined
  /** Names and avatars for addresses, e.g. `ensIdentityResolver(publicClient)`. Default: none (short addresses). */
  resolveIdentity?: IdentityResolver | undefined
  /** The theme of components that are not given one. Default `light`. */
  theme?: Theme | undefined
  children?: ReactNode
}

interface UIContextValue {
  labels: Partial<Labels> | undefined
  components: Slots
  resolveIdentity: IdentityResolver | undefined
  theme: Theme | undefined
}

const UIContext = createContext<UIContextValue>({ labels: undefined, components: {}, resolveIdentity: undefined, theme: undefined })

/**
 * Optional settings for every component below: labels, slots, a name and avatar resolver and a theme. Nested
 * providers merge with their parent; the nearest value wins.
 *
 * @example
 * <XMTPUIProvider labels={{ send: 'Envoyer' }} resolveIdentity={ensIdentityResolver(publicClient)}>
 *   <Inbox />
 * </XMTPUIProvider>
 */
export function XMTPUIProvider({ labels, components, resolveIdentity, theme, children }: XMTPUIProviderProps) {
  const parent = useContext(UIContext)
  const value = useMemo<UIContextValue>(
    () => ({
      labels: labels ? { ...parent.labels, ...labels } : parent.labels,
      components: components ? { ...parent.components, ...components } : parent.components,
      resolveIdentity: resolveIdentity ?? parent.resolveIdentity,
      theme: theme ?? parent.theme,
    }),
    [parent, labels, components, resolveIdentity, theme],
  )
  return <UIContext.Provider value={value}>{children}</UIContext.Provider>
}

/** The provider's settings with a component's own `labels` (and `theme`) applied on top. */
export function useUI(labels?: Partial<Labels>, theme?: Theme) {
  const ui = useContext(UIContext)
  const merged = useMemo(() => mergeLabels(ui.labels, labels), [ui.labels, labels])
  return { labels: merged, components: ui.components, resolveIdentity: ui.resolveIdentity, theme: theme ?? ui.theme ?? 'light' }
}

/**
 * The display name and avatar of an address, through the nearest provider's `resolveIdentity` (the short address
 * while it loads, or without a resolver).
 *
 * @example
 * const { displayName } = useIdentity(conversation.peerAddress)
 */
export function useIdentity(address: string): Identity {
  return useResolvedIdentity(useContext(UIContext).resolveIdentity, address)
}
