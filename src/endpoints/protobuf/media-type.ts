/** The media type of Kubernetes protobuf bodies (`runtime.ContentTypeProtobuf`). */
export const kubernetesProtobufMediaType = 'application/vnd.kubernetes.protobuf'

/**
 * Whether a Content-Type names Kubernetes protobuf: the media type, in any case, with or without
 * parameters (`application/vnd.kubernetes.protobuf; charset=...`), as Go's `mime.ParseMediaType` reads it.
 * @example
 * isKubernetesProtobuf('application/vnd.kubernetes.protobuf') // true
 */
export const isKubernetesProtobuf = (contentType: string): boolean => {
  const semi = contentType.indexOf(';')
  const mediaType = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase()
  return mediaType === kubernetesProtobufMediaType
}
