import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import type { NodeLimits } from './limits.js'

interface Tracked {
  socket: Socket
  ip: string
  /** Requests in progress on the connection (a subscription is one until it ends). */
  active: number
  /** When the connection last became idle (opened, or its last request ended). */
  idleSince: number
}

/**
 * Bounds the connections a server holds: per IP address and in all, with idle timeouts. When a bound is
 * reached, the oldest idle connection (of that address, or of all) makes room, so a flood of connections that
 * send nothing cannot lock out a client that sends a request; when every connection is busy, the new one is
 * refused. Connections that send no request for `idleTimeoutMs` are closed.
 */
export function manageConnections(server: Server, limits: Pick<NodeLimits, 'maxConnections' | 'maxConnectionsPerIp' | 'idleTimeoutMs' | 'headersTimeoutMs'>) {
  const all = new Map<Socket, Tracked>()
  const byIp = new Map<string, Set<Tracked>>()
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = Math.max(limits.headersTimeoutMs, 60_000)
  server.keepAliveTimeout = limits.idleTimeoutMs

  const forget = (tracked: Tracked) => {
    all.delete(tracked.socket)
    const peers = byIp.get(tracked.ip)
    peers?.delete(tracked)
    if (peers?.size === 0) byIp.delete(tracked.ip)
  }
  const oldestIdle = (among: Iterable<Tracked>, except: Tracked): Tracked | undefined => {
    let oldest: Tracked | undefined
    for (const t of among) if (t !== except && t.active === 0 && (!oldest || t.idleSince < oldest.idleSince)) oldest = t
    return oldest
  }
  /** Makes room for `tracked` within `among` (at most `max`): closes the oldest idle one, or `tracked` itself. */
  const makeRoom = (among: Set<Tracked> | Map<Socket, Tracked>, max: number, tracked: Tracked): boolean => {
    if (among.size <= max) return true
    const victim = oldestIdle(among.values(), tracked)
    if (!victim) {
      tracked.socket.destroy()
      return false
    }
    victim.socket.destroy()
    return true
  }

  server.on('connection', (socket: Socket) => {
    const tracked: Tracked = { socket, ip: socket.remoteAddress ?? 'unknown', active: 0, idleSince: Date.now() }
    all.set(socket, tracked)
    let peers = byIp.get(tracked.ip)
    if (!peers) byIp.set(tracked.ip, (peers = new Set()))
    peers.add(tracked)
    socket.once('close', () => forget(tracked))
    socket.setTimeout(limits.idleTimeoutMs, () => {
      if (tracked.active === 0) socket.destroy()
    })
    if (makeRoom(peers, limits.maxConnectionsPerIp, tracked)) makeRoom(all, limits.maxConnections, tracked)
  })

  server.on('request', (req, res) => {
    const tracked = all.get(req.socket)
    if (!tracked) return
    tracked.active++
    // A request in progress (a subscription may last hours) is not idle.
    req.socket.setTimeout(0)
    res.once('close', () => {
      tracked.active--
      if (tracked.active > 0) return
      tracked.idleSince = Date.now()
      if (!req.socket.destroyed) req.socket.setTimeout(limits.idleTimeoutMs)
    })
  })

  return {
    /** Open connections now. */
    get size() {
      return all.size
    },
  }
}
