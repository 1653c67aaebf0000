import type { ReactionGroup } from '@xmtp-kit/react'
import { type FocusEvent, type KeyboardEvent, useId, useRef, useState } from 'react'
import type { Labels } from '../labels.js'

/** The reactions a message shows: one button per emoji, pressed when the local user reacted with it. */
export function ReactionList({ groups, onToggle, labels }: { groups: readonly ReactionGroup[]; onToggle: (emoji: string, mine: boolean) => void; labels: Labels }) {
  return (
    <div className="xk-reactions" role="group" aria-label={labels.reactions}>
      {groups.map((group) => (
        <button
          key={`${group.schema}:${group.content}`}
          type="button"
          className="xk-reaction"
          aria-pressed={group.mine}
          aria-label={labels.reactionButton(group.content, group.count, group.mine)}
          data-pending={group.pending ? '' : undefined}
          onClick={() => onToggle(group.content, group.mine)}
        >
          <span className="xk-reaction__emoji" aria-hidden="true">
            {group.content}
          </span>
          <span className="xk-reaction__count" aria-hidden="true">
            {group.count}
          </span>
        </button>
      ))}
    </div>
  )
}

/** "Add reaction": a small set of emoji, opened by a button; Escape closes it. */
export function ReactionPicker({ emojis, mine, onPick, labels }: { emojis: readonly string[]; mine: (emoji: string) => boolean; onPick: (emoji: string, mine: boolean) => void; labels: Labels }) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const trigger = useRef<HTMLButtonElement | null>(null)
  const close = () => {
    setOpen(false)
    trigger.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }
  // Focus leaving the picker (a click elsewhere, Tab past it) closes it.
  const onBlur = (event: FocusEvent) => {
    if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false)
  }
  return (
    <span className="xk-reaction-picker" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={trigger}
        type="button"
        className="xk-message__action"
        aria-label={labels.addReaction}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">☺</span>
      </button>
      {open ? (
        <span id={id} className="xk-reaction-picker__options" role="group" aria-label={labels.addReaction}>
          {emojis.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="xk-reaction-picker__option"
              aria-label={labels.reactWith(emoji)}
              aria-pressed={mine(emoji)}
              onClick={() => {
                onPick(emoji, mine(emoji))
                close()
              }}
            >
              <span aria-hidden="true">{emoji}</span>
            </button>
          ))}
        </span>
      ) : null}
    </span>
  )
}
