/** One value per client (and key), created on first use: how stores are shared between hooks. */
export function perClient<V>(create: (client: object, key: string) => V) {
  const byClient = new WeakMap<object, Map<string, V>>()
  return (client: object, key = ''): V => {
    let map = byClient.get(client)
    if (!map) byClient.set(client, (map = new Map()))
    let value = map.get(key)
    if (value === undefined) {
      value = create(client, key)
      map.set(key, value)
    }
    return value
  }
}
