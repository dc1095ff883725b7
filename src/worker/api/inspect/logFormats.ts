/**
 * What the log import form needs to know about the formats, on its own (no
 * imports) so the form can show it without loading the parsers.
 */

/** ShiViz's default parser regex: an event line, then a line `host {clock}`. */
export const DEFAULT_SHIVIZ_PARSER = '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})';

/** Characters of one imported log (either format). */
export const MAX_LOG_CHARS = 10_000_000;
