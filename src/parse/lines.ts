// The one intermediate form every input format is reduced to: lines of cells in reading order. Text gives a line
// per text line, HTML a line per table row or paragraph, PDF a line per baseline. Everything after this point is
// format-independent.

export interface SourceCell {
  /** Normalised text (normalize.ts), not yet compacted. */
  text: string;
  /** The cell came from a real delimiter (tab, pipe, <td>, a gap between PDF words): an empty one is a blank. */
  delimited: boolean;
  /** Horizontal position: PDF word centre, or HTML grid column. */
  x?: number;
}

export interface SourceLine {
  cells: SourceCell[];
  /** 1-based position in the source (text line, table row, PDF line within the document). */
  line: number;
  page?: number;
}

export interface SourceDocument {
  lines: SourceLine[];
  /** A title the container states (HTML <title>, PDF metadata), used for the agency and year. */
  title?: string;
}
