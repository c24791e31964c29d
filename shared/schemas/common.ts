import * as z from 'zod/mini';
import { wholeNumber } from '../domain/vocabulary.ts';
import './locale.ts';

/** Ids in paths and bodies: short, URL-safe, lower case (`kur2`, `karlstad`). */
export const Id = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      'Ange 1–63 tecken: a–z, 0–9 och bindestreck, börja med bokstav eller siffra',
    ),
  );

// Messages a coordinator reads next to a field in the form (the API answers the same ones), so
// they say what to write rather than what the type checker expected.
export const Sek = z
  .int({ error: 'Ange ett belopp i hela kronor' })
  .check(
    z.minimum(0, 'Beloppet kan inte vara negativt'),
    z.maximum(1_000_000_000_000, 'Beloppet är för stort'),
  );

export const Year = z
  .int({ error: 'Ange året med fyra siffror' })
  .check(z.minimum(2000, 'Ange ett år från 2000'), z.maximum(2100, 'Ange ett år till och med 2100'));

/** True when nothing was given: the field was left out or left empty. */
const isEmpty = (input: unknown): boolean => input === undefined || input === null || input === '';

/**
 * A calendar date, `YYYY-MM-DD`. Left empty, it asks for the date in the field's own words
 * (`Ange när aktiviteten börjar`); typed wrong, it shows how to write one.
 */
export const DateField = (whenEmpty: string) =>
  z.iso.date({
    error: (issue) =>
      isEmpty(issue.input) ? whenEmpty : 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2015-03-31',
  });

export const IsoDate = DateField('Ange datum');

export const Email = z
  .email({
    error: (issue) =>
      isEmpty(issue.input)
        ? 'Ange en e-postadress'
        : 'Skriv e-postadressen som namn@exempel.se, utan mellanslag',
  })
  .check(z.maxLength(254, 'Skriv högst 254 tecken'));

/**
 * Characters that end or hide a line wherever text is shown on one: C0 controls (CR, LF, TAB,
 * NUL, ESC …), DEL, C1 controls (NEL is a line break to some mail clients) and Unicode's line and
 * paragraph separators. In an e-mail subject a CR or LF would start a new header; in a heading,
 * a CSV cell or a log line they forge or hide text.
 */
const isLineBreakOrControl = (code: number): boolean =>
  code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;

const LF = 0x0a;
const CR = 0x0d;

/** True when the text contains a control character; a multi-line text may break lines with LF or CRLF. */
export const hasControlCharacter = (text: string, multiLine: boolean): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isLineBreakOrControl(code)) continue;
    if (multiLine && (code === LF || (code === CR && text.charCodeAt(i + 1) === LF))) continue;
    return true;
  }
  return false;
};

// Read beside the field in the form, so they say what to change in words a coordinator uses.
const SINGLE_LINE_MESSAGE = 'Skriv texten på en rad, utan radbrytningar, tabbar eller andra kontrolltecken';
const MULTI_LINE_MESSAGE = 'Texten får inte innehålla tabbar eller andra kontrolltecken';

const text = (max: number, multiLine: boolean, whenEmpty: string) =>
  z.string({ error: whenEmpty }).check(
    // Checked before trimming: trim() would quietly drop a trailing CR or LF, not refuse it.
    z.refine((value) => !hasControlCharacter(value, multiLine), {
      message: multiLine ? MULTI_LINE_MESSAGE : SINGLE_LINE_MESSAGE,
      abort: true,
    }),
    // Trimming rewrites the value, so it comes before the length checks, which then see the trimmed text.
    z.trim(),
    z.minLength(1, whenEmpty),
    z.maxLength(max, `Skriv högst ${wholeNumber(max)} tecken`),
  );

/**
 * Text shown on one line (titles, names, themes, budget lines): no line break, no control
 * character. `whenEmpty` says what to write in this field (`Skriv områdets namn`): a message beside
 * a field, or in a list of problems, must say which field it is about.
 */
export const Line = (max: number, whenEmpty: string) => text(max, false, whenEmpty);

/** Free text shown as paragraphs (descriptions, comments, summaries): LF or CRLF, no other control. */
export const Paragraph = (max: number, whenEmpty: string) => text(max, true, whenEmpty);

/**
 * A web address. Checked before zod's URL check, which would quietly drop a CR, LF or TAB (as
 * the URL parser does) but keep a NUL or ESC in the value it hands on.
 */
const URL_MESSAGE = 'Ange en webbadress som börjar med https://';
export const WebAddress = z.pipe(
  z.string({ error: URL_MESSAGE }).check(
    z.refine((value) => !hasControlCharacter(value, false), {
      message: 'Webbadressen får inte innehålla radbrytningar, tabbar eller andra kontrolltecken',
      abort: true,
    }),
  ),
  z.url({ protocol: /^https?$/, error: URL_MESSAGE }).check(z.maxLength(2000, 'Skriv högst 2 000 tecken')),
);

/**
 * `limit` in a list's query string: plain decimal digits from 1 to 100. `Number()` alone would
 * take `0x10`, `1e1`, `+5` and ` 5` too.
 */
export const PageLimit = z._default(
  z.pipe(
    z.string().check(z.regex(/^(?:[1-9][0-9]?|100)$/, 'Ange ett heltal från 1 till 100, med bara siffror')),
    z.transform(Number),
  ),
  50,
);
