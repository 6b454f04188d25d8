/**
 * V8 keeps substrings of 13 characters or more as views into the string they were cut from, and
 * joined strings as trees of their parts: a resource name or an excerpt kept in a finding would
 * keep the whole scanned file alive for as long as the finding lives (850 KB per finding on a
 * large Terraform file). Shorter strings are always copies.
 */
const SHARED_FROM = 13;

/** A flat copy of `text` that holds no reference to the text it was cut from (content unchanged, lone surrogates too). */
export function detached(text: string): string {
  return text.length < SHARED_FROM ? text : (JSON.parse(JSON.stringify(text)) as string);
}
