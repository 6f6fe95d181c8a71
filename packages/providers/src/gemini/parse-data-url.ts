/** A base64 `data:` URL split into its media type and payload. */
export interface DataUrl {
  mediaType: string;
  base64: string;
}

/**
 * Parses `data:<media type>[;params];base64,<data>` (RFC 2397). Only base64 payloads are
 * accepted: every provider wants base64 bytes, and re-encoding percent-encoded text would be a
 * silent transformation of the caller's content. Returns undefined for anything else.
 */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/s.exec(url);
  if (!match?.[1] || match[3] === undefined) return undefined;
  return { mediaType: match[1].trim().toLowerCase(), base64: match[3] };
}
