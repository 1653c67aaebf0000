import type { Attachment, DecodedMessage, RemoteAttachment } from '@xmtp-kit/client'
import { type UseAttachmentParameters, useAttachment } from '@xmtp-kit/react'
import { useEffect, useState } from 'react'
import { formatBytes, isInlineImage, messageKind } from '../internal/threadContent.js'
import { useObjectUrl } from '../internal/useObjectUrl.js'
import type { Labels } from '../labels.js'

/** What the thread passes to attachment downloads (remote attachments only). */
export type AttachmentOptions = Pick<UseAttachmentParameters, 'maxBytes' | 'maxDecompressedBytes' | 'fetch'>

interface MessageAttachmentProps {
  message: DecodedMessage
  options: AttachmentOptions | undefined
  labels: Labels
}

/**
 * An attachment message: an inline file at once, a remote one when the user asks for it (it is downloaded from a
 * server the sender chose, so not without a click).
 */
export function MessageAttachment({ message, options, labels }: MessageAttachmentProps) {
  const [phase, setPhase] = useState<'idle' | 'loading' | 'retrying'>('idle')
  useEffect(() => {
    if (phase !== 'retrying') return
    // A failed download stays cached until its last reader has been gone for a tick (so that a remount
    // keeps a download going); subscribe again after that, which starts a new one.
    const timer = setTimeout(() => setPhase('loading'), 0)
    return () => clearTimeout(timer)
  }, [phase])
  if (messageKind(message) === 'attachment') return <FileView attachment={message.content as Attachment} labels={labels} />
  const remote = message.content as RemoteAttachment
  const name = remote.filename || labels.untitledFile
  if (phase === 'loading') return <RemoteFile message={message} remote={remote} name={name} options={options} labels={labels} onRetry={() => setPhase('retrying')} />
  return (
    <div className="xk-attachment" data-state={phase === 'idle' ? 'idle' : 'loading'}>
      <FileLabel name={name} size={remote.contentLength} />
      {phase === 'idle' ? (
        <button type="button" className="xk-attachment__load" onClick={() => setPhase('loading')}>
          {labels.loadAttachment(name)}
        </button>
      ) : (
        <span className="xk-attachment__status" role="status">
          {labels.loadingAttachment}
        </span>
      )}
    </div>
  )
}

function RemoteFile({
  message,
  remote,
  name,
  options,
  labels,
  onRetry,
}: {
  message: DecodedMessage
  remote: RemoteAttachment
  name: string
  options: AttachmentOptions | undefined
  labels: Labels
  onRetry: () => void
}) {
  const { attachment, status } = useAttachment(message, options)
  if (attachment) return <FileView attachment={attachment} labels={labels} />
  return (
    <div className="xk-attachment" data-state={status}>
      <FileLabel name={name} size={remote.contentLength} />
      {status === 'error' ? (
        <>
          <span className="xk-attachment__error" role="alert">
            {labels.attachmentFailed}
          </span>
          <button type="button" className="xk-attachment__load" onClick={onRetry}>
            {labels.retryAttachment}
          </button>
        </>
      ) : (
        <span className="xk-attachment__status" role="status">
          {labels.loadingAttachment}
        </span>
      )}
    </div>
  )
}

function FileLabel({ name, size }: { name: string; size: number | undefined }) {
  return (
    <span className="xk-attachment__file">
      <span className="xk-attachment__name">{name}</span>
      {size !== undefined ? <span className="xk-attachment__size">{formatBytes(size)}</span> : null}
    </span>
  )
}

/** A decoded file: an image inline, anything else as a download link. */
function FileView({ attachment, labels }: { attachment: Attachment; labels: Labels }) {
  const image = isInlineImage(attachment.mimeType)
  // Anything but a known raster image is saved as opaque bytes: a blob URL shares the page's origin, so an HTML
  // or SVG file opened from it could otherwise run script there.
  const href = useObjectUrl(attachment.data, image ? attachment.mimeType.toLowerCase() : 'application/octet-stream')
  const name = attachment.filename || labels.untitledFile
  if (image) {
    return (
      <figure className="xk-attachment" data-kind="image">
        {href ? <img className="xk-attachment__image" src={href} alt={name} /> : <span className="xk-attachment__placeholder" role="img" aria-label={name} />}
      </figure>
    )
  }
  const size = formatBytes(attachment.data.length)
  return (
    <div className="xk-attachment" data-kind="file">
      <a className="xk-attachment__download" href={href} download={name} aria-label={labels.downloadFile(name, size)}>
        <FileLabel name={name} size={attachment.data.length} />
      </a>
    </div>
  )
}
