export { Avatar, type AvatarProps, avatarGradient } from './Avatar.js'
