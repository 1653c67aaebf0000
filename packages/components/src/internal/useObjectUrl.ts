import { useEffect, useState } from 'react'

/**
 * An object URL for bytes, made after mount and revoked when the bytes change or the component unmounts, so
 * a long thread does not keep every file it ever showed in memory.
 */
export function useObjectUrl(data: Uint8Array | undefined, type: string): string | undefined {
  const [url, setUrl] = useState<{ data: Uint8Array; type: string; href: string } | undefined>(undefined)
  useEffect(() => {
    if (!data) return
    const href = URL.createObjectURL(new Blob([new Uint8Array(data)], { type }))
    setUrl({ data, type, href })
    return () => URL.revokeObjectURL(href)
  }, [data, type])
  return url && url.data === data && url.type === type ? url.href : undefined
}
