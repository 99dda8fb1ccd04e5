import fc from 'fast-check';

/**
 * Hostile input for the suite, as fast-check arbitraries, in two kinds:
 *
 * - **never valid**: text no field may accept, because PostgreSQL's text cannot hold it (NUL),
 *   it is not Unicode at all (a lone surrogate: UTF-8 encoders silently turn it into U+FFFD),
 *   or it is beyond any field's length (over 64 KiB); and values of a type no server action or
 *   route argument takes (objects with `__proto__` and `constructor` keys, NaN, Infinity, arrays…).
 *   Input that carries one where the code reads it must be refused.
 * - **scary**: text a careful application accepts as data or refuses with a message, never
 *   with an error: HTML and SQL payloads, right-to-left and zero-width marks, combining
 *   characters, emoji, numbers a parser may choke on, boundary lengths.
 */

/** Longer than any text field may be (the longest in Brisk is a 2,048-character link). */
export const NEVER_VALID_LENGTH = 65_536;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text that no field may accept: a NUL, a lone surrogate, or more than 64 KiB. */
export function isNeverValidText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value) || value.length > NEVER_VALID_LENGTH;
}

/** Whether a value is, or holds anywhere inside it, never-valid text, a non-finite number or a prototype key. */
export function holdsNeverValid(value: unknown, depth = 0): boolean {
  if (depth > 50) return true;
  if (typeof value === 'string') return isNeverValidText(value);
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value instanceof FormData) return [...value.entries()].some(([key, entry]) => holdsNeverValid(key, depth + 1) || holdsNeverValid(entry, depth + 1));
  if (Array.isArray(value)) return value.some((entry) => holdsNeverValid(entry, depth + 1));
  if (value && typeof value === 'object') {
    return Object.keys(value).some((key) => PROTOTYPE_KEYS.includes(key) || holdsNeverValid(key, depth + 1) || holdsNeverValid((value as Record<string, unknown>)[key], depth + 1));
  }
  return false;
}

const plain = fc.string({ unit: 'grapheme-ascii', maxLength: 12 });

const nulText = fc.tuple(plain, plain).map(([a, b]) => `${a}\u0000${b}`);
const loneSurrogateText = fc
  .tuple(plain, fc.integer({ min: 0xd800, max: 0xdfff }), plain.filter((s) => !/^[\uDC00-\uDFFF]/.test(s)))
  .map(([a, unit, b]) => `${a}${String.fromCharCode(unit)}${b}`);
// Not blank: a field of nothing but spaces is an empty field, whatever its length.
const oversizedText = fc.tuple(fc.integer({ min: NEVER_VALID_LENGTH + 1, max: 300_000 }), fc.constantFrom('a', 'é', '😀', '<', "'", 'a ')).map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Text no field may accept. */
export const neverValidText: fc.Arbitrary<string> = fc.oneof(nulText, loneSurrogateText, oversizedText);

/**
 * Text no form field may accept, as a form can carry it: a FormData holds USV strings (a lone
 * surrogate becomes U+FFFD on the way in, as in a browser's multipart body).
 */
export const neverValidFormText: fc.Arbitrary<string> = fc.oneof(nulText, oversizedText);

const HTML = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(document.cookie)>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="//evil.test"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '&lt;b&gt;&amp;&#0;',
];
const SQL = ["' OR '1'='1", "'; DROP TABLE users; --", '1; SELECT pg_sleep(10)', "\\'; --", '" OR ""="', "1' UNION SELECT null, version() --", '%', '_', '\\'];
const UNICODE = [
  '\u202Egnp.exe',
  'abc\u200F\u202Bdef\u202C',
  '\u200B\u200C\u200D\uFEFF',
  'e\u0301\u0302\u0303\u0304',
  'Z\u0351\u0352\u0357\u035B\u0363\u0364\u0365\u0366\u0367',
  '👩‍👩‍👧‍👦🏳️‍🌈🇪🇺',
  '𝕳𝖊𝖑𝖑𝖔 𠜎𠜱',
  '\uFFFD\uFFFE\uFFFF',
  '\u0001\u0007\u001B[31m\u007F',
  'line\r\nbreak\ttab',
  'ǅ ß ﬁ İ ı',
  '   ',
  '',
];
const NUMBERS = ['-1', '0', '-0', '1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', '99999999999999999999', '12345678901.99', '1.005', '0x1F', '1_000', '1e-400', '  42  ', '4.2.1', '9007199254740993'];
const OTHER = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../../etc/passwd',
  'file:///etc/passwd',
  'http://127.0.0.1:9/admin',
  'data:text/html,<script>alert(1)</script>',
  '0000-00-00',
  '2026-02-30',
  '-001-01-01',
  '9999-12-31',
  'a@b',
  '"<script>"@example.com',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];

/** Text a careful application accepts as data or refuses with a message, never with an error. */
export const scaryText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HTML, ...SQL, ...UNICODE, ...NUMBERS, ...OTHER) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Around the usual length limits.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(60, 61, 100, 101, 120, 121, 200, 201, 500, 501, 2000, 2001, 2048, 2049, 10_000), fc.constantFrom('a', 'é', '😀', 'e\u0301')).map(([n, unit]) => unit.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HTML, ...SQL), fc.constantFrom(...UNICODE)).map(([a, b]) => `${b}${a}${b}`) },
);

/** Any hostile text: scary or never valid. */
export const hostileText: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: scaryText }, { weight: 1, arbitrary: neverValidText });

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63), 5e-324, 0.1 + 0.2),
  fc.double(),
  fc.integer(),
);

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Objects whose own keys are `__proto__` or `constructor` (as JSON.parse makes them), with hostile leaves. */
export const prototypeObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('polluted', 'isAdmin', 'role', 'toString'), fc.oneof(fc.constant<unknown>(true), scaryText, hostileNumber))
  .map(([key, inner, leaf]) => JSON.parse(`{${JSON.stringify(key)}: {${JSON.stringify(inner)}: ${JSON.stringify(leaf) ?? 'null'}, "prototype": {"${inner}": true}}}`) as Record<string, unknown>);

/** A value of any type a client could send where a server action expects a string. */
export const neverValidValue: fc.Arbitrary<unknown> = fc.oneof(
  neverValidText,
  fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  prototypeObject,
  fc.array(neverValidText, { minLength: 1, maxLength: 3 }),
);

/** Anything a client could send as an argument: hostile text, numbers, wrong types, nested objects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 0n, 10n ** 30n, new Date(Number.NaN), new Date(8.64e15), [], {}) },
  { weight: 1, arbitrary: prototypeObject },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }) },
);

/** JSON text that does not parse. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '}', '{"a":}', '{"a":1,}', '[1,2', "{'a':1}", '{"a":1}}', 'NaN', 'undefined', '\u0000', '\uFEFF{}x', '{"a":"\u0000', '"unterminated', 'tru', '--1', '{"a" 1}', '<xml/>', ''),
  fc.string({ unit: 'binary', maxLength: 30 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

/** JSON text that parses, to something no route expects: wrong types, non-finite numbers, prototype keys, escapes of lone surrogates and NUL, deep nesting. */
export const oddJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    '[]',
    '0',
    '"string"',
    'true',
    '1e999',
    '-1e999',
    '123456789012345678901234567890',
    '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    '{"a": "\\ud800", "b": "\\u0000", "c": "\\udfff\\ud800"}',
    '{"a": 1e999, "b": -1e999, "c": 1e-999}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  ),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.dictionary(hostileText, fc.oneof(hostileText, hostileNumber.map((n) => (Number.isFinite(n) ? n : null))), { maxKeys: 4 }).map((value) => JSON.stringify(value)),
);

/** Segments a client may send that are not valid percent-encoding. */
export const malformedSegment: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: fc.constantFrom('a', 'z', '0', '-', '_', '.', '~'), maxLength: 4 }),
    fc.constantFrom('%', '%Z', '%ZZ', '%G0', '%E0%A4%A', '%E0%A4', '%C3', '%FF', '%ED%A0%80', '%C0%AF', '%F4%90%80%80', '%%', '%2', '%u0041', '%E2%82'),
    fc.string({ unit: fc.constantFrom('a', 'z', '0', '-', '%20', '%C3%A9'), maxLength: 3 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`)
  // `%2` followed by `a` is a valid escape again.
  .filter((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });

/** A header value a client may send (headers cannot carry NUL or line breaks at all). */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((value) => value.replace(/[\u0000\r\n]/g, '')),
  fc.constantFrom('Bearer ', 'Bearer brisk_', `Bearer brisk_${'A'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=', 'Bearer \u00ff\u00fe', 'x'.repeat(8000), '=; ;=;', 'better-auth.session_token=forged.value'),
);

/** A value for messages: short, whatever it is (bigints, objects without a prototype, FormData). */
export function showValue(value: unknown): string {
  if (value instanceof FormData) return `FormData ${showValue(Object.fromEntries([...value.entries()].map(([key, entry]) => [key, typeof entry === 'string' ? entry : '[blob]'])))}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 100)}…(${value.length} characters)` : value);
  try {
    const json = JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'bigint' ? `${inner}n` : typeof inner === 'number' && !Number.isFinite(inner) ? String(inner) : typeof inner === 'string' && inner.length > 200 ? `${inner.slice(0, 100)}…(${inner.length} characters)` : inner,
    );
    return json === undefined ? String(value) : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** URL-safe path text for a value (a lone surrogate as the bytes a client would send). */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}
