import { createRequire } from 'node:module'
import type * as XmtpProto from '@xmtp/proto'

// @xmtp/proto's ESM build uses extension-less relative imports that Node's ESM loader rejects, so the
// node (Node-only) loads its CommonJS build.
const proto = createRequire(import.meta.url)('@xmtp/proto') as typeof XmtpProto

export const authn = proto.authn
export const publicKey = proto.publicKey
