/**
 * Orders ASCII keys (ISO dates and timestamps, ids) by their characters, for `sort`. For such keys
 * this is the order `localeCompare` gives, without it: the first `localeCompare` of a process loads
 * ICU's collator, ~8 ms of a cold start. Names and other Swedish text need `localeCompare(…, 'sv')`.
 */
export const compareAscii = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
