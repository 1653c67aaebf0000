import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react'
import { useIdentity, useUI } from '../UIProvider/UIProvider.js'

export interface AvatarProps extends ComponentPropsWithoutRef<'span'> {
  /** The wallet address shown. */
  address: string
  /** Width and height in pixels. Default 36 (the `--xk-avatar-size` token). */
  size?: number | undefined
}

/** Two hues and an angle derived from the address, so a wallet always gets the same picture. */
export function avatarGradient(address: string): string {
  let hash = 2166136261
  for (const c of address.toLowerCase()) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0
  const a = hash % 360
  const b = (a + 40 + ((hash >>> 9) % 140)) % 360
  const angle = (hash >>> 17) % 360
  return `linear-gradient(${angle}deg, hsl(${a} 65% 55%), hsl(${b} 70% 45%))`
}

/**
 * A wallet's picture: the resolver's avatar image when there is one, otherwise a deterministic gradient.
 * Decorative (`aria-hidden`): the name next to it carries the meaning. Replaceable through the `Avatar` slot.
 */
export const Avatar = forwardRef<HTMLSpanElement, AvatarProps>(function Avatar({ address, size, className, style, ...rest }, ref) {
  const { components } = useUI()
  const Custom = components.Avatar
  if (Custom && Custom !== Avatar) return <Custom address={address} size={size} className={className} style={style} {...rest} />
  return <DefaultAvatar ref={ref} address={address} size={size} className={className} style={style} {...rest} />
})

const DefaultAvatar = forwardRef<HTMLSpanElement, AvatarProps>(function DefaultAvatar({ address, size, className, style, ...rest }, ref) {
  const { avatarUrl } = useIdentity(address)
  const [failed, setFailed] = useState<string | undefined>(undefined)
  const image = avatarUrl && failed !== avatarUrl ? avatarUrl : undefined
  return (
    <span
      ref={ref}
      aria-hidden="true"
      className={['xk-avatar', className].filter(Boolean).join(' ')}
      style={{ background: avatarGradient(address), ...(size ? { ['--xk-avatar-size' as string]: `${size}px` } : {}), ...style }}
      {...rest}
    >
      {image ? <img className="xk-avatar__image" src={image} alt="" referrerPolicy="no-referrer" onError={() => setFailed(image)} /> : null}
    </span>
  )
})
