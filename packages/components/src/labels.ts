import { type DialogsLabels, dialogsLabels } from './labels/dialogs.js'
import { type HoldersLabels, holdersLabels } from './labels/holders.js'
import { type InboxLabels, inboxLabels } from './labels/inbox.js'
import { type SendersLabels, sendersLabels } from './labels/senders.js'
import { type ThreadLabels, threadLabels } from './labels/thread.js'

/**
 * Every string the components show, keyed by stable ids. Override any of them through a component's `labels` or
 * the `XMTPUIProvider`'s `labels` (the nearest wins).
 */
export interface Labels extends InboxLabels, ThreadLabels, DialogsLabels, HoldersLabels, SendersLabels {}

/** The English defaults. */
export const defaultLabels: Labels = { ...inboxLabels, ...threadLabels, ...dialogsLabels, ...holdersLabels, ...sendersLabels }

/** Defaults with the given overrides (later ones win). */
export function mergeLabels(...overrides: (Partial<Labels> | undefined)[]): Labels {
  let labels = defaultLabels
  for (const o of overrides) if (o) labels = { ...labels, ...o }
  return labels
}
