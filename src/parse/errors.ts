/** A file that is not a readable report. The message is one line a user can act on. */
export class ParseError extends Error {
  override name = 'ParseError';
}
