// URL metadata extraction for wishlist items (plan 000, section 3.2 UrlMetadataExtractionJob).
//
// fetchPage() is the platform's safe fetcher (lib/http/safe-fetch.ts) asking for an HTML page.
// extractMetadata() reads title, image and price from Open Graph, Twitter cards, schema.org
// JSON-LD and microdata. extractUrlMetadata() combines both and never throws for expected failures.

import { load, type CheerioAPI } from 'cheerio';
import { SafeFetchError, safeFetch, type SafeFetchErrorCode, type SafeFetchOptions } from '@/lib/http/safe-fetch';

export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, isPublicAddress, type ResolvedAddress } from '@/lib/http/safe-fetch';

export const USER_AGENT = 'BriskBot/1.0 (+wishlist metadata)';

/** Column limits from prisma/schema/wishlists.prisma (Item). */
const MAX_TITLE_CHARS = 200;
const MAX_URL_CHARS = 2048;
const MAX_ERROR_CHARS = 500;
/** Decimal(12, 2): at most 10 integer digits. */
const MAX_PRICE_CENTS = 999_999_999_999n;

// ---------------------------------------------------------------------------------------------
// fetchPage

/** An expected fetch failure (the safe fetcher's): `message` is short and fit for Item.metadataError. */
export const FetchPageError = SafeFetchError;
export type FetchPageError = SafeFetchError;
export type FetchPageErrorCode = SafeFetchErrorCode;
/** The safe fetcher's options, less what fetchPage decides itself (HTML only). */
export type FetchPageOptions = Omit<SafeFetchOptions, 'mediaTypes' | 'accept' | 'unsupportedType' | 'noun' | 'userAgent'>;

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Media type, lower-cased, without parameters (text/html or application/xhtml+xml). */
  contentType: string;
  html: string;
  /** Each redirect target followed, in order. */
  redirects: string[];
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/**
 * Guarded HTTP(S) GET of an HTML page. Throws FetchPageError for every expected failure
 * (bad URL, refused address, timeout, too large, non-HTML, non-2xx, network errors).
 */
export async function fetchPage(input: string | URL, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const { body, ...page } = await safeFetch(input, {
    ...options,
    mediaTypes: HTML_TYPES,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    unsupportedType: (type) => `not an HTML page (${type})`,
    noun: 'page',
    userAgent: USER_AGENT,
  });
  return { ...page, html: body };
}

// ---------------------------------------------------------------------------------------------
// Price and currency normalisation

const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Currency symbols, longest first so "US$" wins over "$". A bare "$" means USD, "¥" means JPY. */
const CURRENCY_SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['R$', 'BRL'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['$', 'USD'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
];

/** A 3-letter ISO 4217 code (any case) or a known symbol → uppercase ISO code; otherwise undefined. */
export function normalizeCurrency(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.normalize('NFKC').trim();
  if (/^[A-Za-z]{3}$/.test(value)) {
    const code = value.toUpperCase();
    return ISO_CURRENCIES.has(code) ? code : undefined;
  }
  return CURRENCY_SYMBOLS.find(([symbol]) => symbol === value)?.[1];
}

export interface ParsedPrice {
  /** Non-negative decimal string with exactly 2 decimals, e.g. "1299.00". */
  amount: string;
  /** ISO code found in the text itself ("€12", "12.00 USD"), if any. */
  currency?: string;
}

/**
 * Parses a price such as 19.99, "1,299.00", "1.299,00", "€12", "12,50 €", "USD 5".
 * Negative, non-numeric, ranges, and values beyond Decimal(12,2) give undefined.
 *
 * `machine`: the value comes from a machine-readable field (JSON-LD, og:price:amount, a microdata
 * `content` attribute) where schema.org/Open Graph mandate "." as the decimal point, so a lone "."
 * is always decimal ("12.500" is 12.50). In human text a lone separator followed by exactly three
 * digits is a thousands separator ("1.299" and "1,299" are both 1299).
 */
export function parsePrice(raw: unknown, { machine = false }: { machine?: boolean } = {}): ParsedPrice | undefined {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0 || raw >= 1e12) return undefined;
    text = raw.toFixed(6);
    machine = true;
  } else if (typeof raw === 'string') {
    text = raw.normalize('NFKC').trim();
  } else {
    return undefined;
  }
  if (text === '' || text.length > 64) return undefined;

  let currency: string | undefined;
  const symbol = CURRENCY_SYMBOLS.find(([s]) => text.includes(s));
  if (symbol) {
    currency = symbol[1];
    text = text.replace(symbol[0], ' ');
  }
  const code = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/.exec(text)?.[1];
  if (code && ISO_CURRENCIES.has(code)) {
    currency = code;
    text = text.replace(code, ' ');
  }
  // Spaces and apostrophes are thousands separators ("1 299,00", "1'299.00"); anything else
  // left over (letters, a minus sign, a range dash, parentheses) means this is not a price.
  const digits = text.replace(/[\s'’]/g, '');
  if (!/^(?:\d[\d.,]*|[.,]\d+)$/.test(digits)) return undefined;

  const split = splitDecimal(digits, machine);
  if (!split) return undefined;
  const integer = split.integer.replace(/^0+(?=\d)/, '') || '0';
  if (integer.length > 12) return undefined;
  const fraction = split.fraction;
  let cents = BigInt(integer) * 100n + BigInt((fraction + '00').slice(0, 2));
  if ((fraction[2] ?? '0') >= '5') cents += 1n; // round half up
  if (cents > MAX_PRICE_CENTS) return undefined;
  const amount = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return currency ? { amount, currency } : { amount };
}

function splitDecimal(digits: string, machine: boolean): { integer: string; fraction: string } | undefined {
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let decimal: '.' | ',' | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const index = Math.max(lastDot, lastComma);
    const occurrences = digits.split(separator).length - 1;
    const after = digits.length - index - 1;
    if (occurrences > 1) decimal = undefined; // "1,299,000" / "1.299.000"
    else if (separator === '.' && machine) decimal = '.';
    else if (after === 3 && !/^0*$/.test(digits.slice(0, index))) decimal = undefined; // "1,299" / "1.299"
    else decimal = separator;
  }
  if (!decimal) {
    const integer = digits.replace(/[.,]/g, '');
    return /^\d+$/.test(integer) ? { integer, fraction: '' } : undefined;
  }
  const index = digits.lastIndexOf(decimal);
  const integerPart = digits.slice(0, index);
  const fraction = digits.slice(index + 1);
  const grouping = decimal === '.' ? ',' : '.';
  if (integerPart.includes(decimal) || !/^\d*$/.test(fraction)) return undefined;
  if (integerPart.split(grouping).some((group, i) => group === '' && !(i === 0 && integerPart === ''))) return undefined;
  return { integer: integerPart.replaceAll(grouping, '') || '0', fraction };
}

// ---------------------------------------------------------------------------------------------
// extractMetadata

export interface UrlMetadata {
  title?: string;
  imageUrl?: string;
  /** Decimal string with 2 decimals, e.g. "1299.00". */
  price?: string;
  /** ISO 4217, uppercase. Only set together with a price. */
  currency?: string;
}

type JsonObject = Record<string, unknown>;

interface PriceCandidate {
  price: unknown;
  currency: unknown;
  machine: boolean;
}

const PRODUCT_TYPES = new Set(['Product', 'ProductGroup', 'ProductModel', 'IndividualProduct', 'SomeProducts']);
/** Keys through which a page's main product is reached; related/similar products are not walked. */
const JSON_LD_CONTAINER_KEYS = ['@graph', 'mainEntity', 'mainEntityOfPage', 'about', 'itemListElement', 'item', 'hasVariant'];

/**
 * Reads title, image and price/currency from an HTML document. Relative URLs resolve against
 * `baseUrl` (the page's final URL) or the document's <base href>. Fields not found are absent.
 *
 * Precedence — title: og:title, twitter:title, schema.org Product name (JSON-LD, then microdata),
 * <title>. Image: og:image:secure_url, og:image, og:image:url, twitter:image, Product image,
 * microdata image, <link rel="image_src">. Price: og/product:price:amount, JSON-LD offers,
 * microdata price. The first candidate that validates wins.
 */
export function extractMetadata(html: string, baseUrl: string | URL): UrlMetadata {
  const $ = load(html);
  const base = documentBase($, baseUrl);
  const meta = collectMeta($);
  const products = collectJsonLdProducts($);
  const microProduct = $('[itemscope][itemtype*="schema.org/Product" i]').first();
  const result: UrlMetadata = {};

  const title = firstOf(
    [
      ...(meta.get('og:title') ?? []),
      ...(meta.get('twitter:title') ?? []),
      ...products.map((p) => p.name),
      microProduct.find('[itemprop~="name"]').first().attr('content') ?? microProduct.find('[itemprop~="name"]').first().text(),
      $('head title').first().text() || $('title').first().text(),
    ],
    cleanTitle,
  );
  if (title) result.title = title;

  const microImage = $('[itemprop~="image"]').first();
  const imageUrl = firstOf(
    [
      ...(meta.get('og:image:secure_url') ?? []),
      ...(meta.get('og:image') ?? []),
      ...(meta.get('og:image:url') ?? []),
      ...(meta.get('twitter:image') ?? []),
      ...(meta.get('twitter:image:src') ?? []),
      ...products.flatMap((p) => imageCandidates(p.image)),
      microImage.attr('content') ?? microImage.attr('src') ?? microImage.attr('href'),
      $('link[rel~="image_src" i]').first().attr('href'),
    ],
    (candidate) => absoluteHttpUrl(candidate, base),
  );
  if (imageUrl) result.imageUrl = imageUrl;

  const priceCandidates: PriceCandidate[] = [];
  for (const prefix of ['og:price', 'product:price']) {
    for (const amount of meta.get(`${prefix}:amount`) ?? []) {
      priceCandidates.push({ price: amount, currency: meta.get(`${prefix}:currency`)?.[0], machine: true });
    }
  }
  for (const product of products) priceCandidates.push(...offerCandidates(product.offers));
  const microPrice = $('[itemprop~="price"]').first();
  if (microPrice.length > 0) {
    const currencyEl = $('[itemprop~="priceCurrency"]').first();
    const content = microPrice.attr('content');
    priceCandidates.push({
      price: content ?? microPrice.attr('value') ?? microPrice.text(),
      currency: currencyEl.attr('content') ?? (currencyEl.text() || undefined),
      machine: content !== undefined,
    });
  }
  for (const candidate of priceCandidates) {
    const parsed = parsePrice(candidate.price, { machine: candidate.machine });
    if (!parsed) continue;
    result.price = parsed.amount;
    const currency = normalizeCurrency(candidate.currency) ?? parsed.currency;
    if (currency) result.currency = currency;
    break;
  }

  return result;
}

function firstOf(candidates: readonly unknown[], normalize: (value: string) => string | undefined): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const value = normalize(candidate);
    if (value) return value;
  }
  return undefined;
}

function cleanTitle(raw: string): string | undefined {
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const chars = Array.from(text); // code points: varchar(200) counts characters, not UTF-16 units
  return chars.length > MAX_TITLE_CHARS ? chars.slice(0, MAX_TITLE_CHARS).join('').trimEnd() : text;
}

/** Absolute http(s) URL no longer than the column allows; data:, javascript: etc. are dropped. */
function absoluteHttpUrl(raw: string, base: URL): string | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // A truncated URL points nowhere, so an over-long one is dropped rather than cut.
  return url.href.length <= MAX_URL_CHARS ? url.href : undefined;
}

function documentBase($: CheerioAPI, baseUrl: string | URL): URL {
  const base = new URL(baseUrl);
  const href = $('base[href]').first().attr('href');
  if (!href) return base;
  try {
    const declared = new URL(href, base);
    return declared.protocol === 'http:' || declared.protocol === 'https:' ? declared : base;
  } catch {
    return base;
  }
}

/** property= and name= meta tags, keyed lower-case, values in document order. */
function collectMeta($: CheerioAPI): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  $('meta[content]').each((_, el) => {
    const node = $(el);
    const content = node.attr('content') ?? '';
    if (!content.trim()) return;
    const keys = new Set([node.attr('property'), node.attr('name')].filter((k): k is string => !!k).map((k) => k.trim().toLowerCase()));
    for (const key of keys) {
      const values = meta.get(key);
      if (values) values.push(content);
      else meta.set(key, [content]);
    }
  });
  return meta;
}

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaTypes(node: JsonObject): string[] {
  const raw = node['@type'];
  const types = Array.isArray(raw) ? raw : [raw];
  return types.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

/** schema.org Product nodes from every JSON-LD block, in document order. Invalid JSON is ignored. */
function collectJsonLdProducts($: CheerioAPI): JsonObject[] {
  const products: JsonObject[] = [];
  let budget = 2_000; // nodes visited, against pathological documents
  const walk = (value: unknown, depth: number): void => {
    if (depth > 10 || budget-- <= 0) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!isRecord(value)) return;
    if (schemaTypes(value).some((t) => PRODUCT_TYPES.has(t))) products.push(value);
    for (const key of JSON_LD_CONTAINER_KEYS) {
      if (key in value) walk(value[key], depth + 1);
    }
  };
  $('script').each((_, el) => {
    const node = $(el);
    const type = (node.attr('type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    const text = (node.html() ?? '')
      .trim()
      .replace(/^(?:<!--|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\]\]>)$/, '');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    walk(data, 0);
  });
  return products;
}

function imageCandidates(image: unknown): string[] {
  if (typeof image === 'string') return [image];
  if (Array.isArray(image)) return image.flatMap(imageCandidates);
  if (isRecord(image)) {
    return [image.url, image.contentUrl].filter((u): u is string => typeof u === 'string');
  }
  return [];
}

/** Offer / Offer[] / AggregateOffer (lowPrice first) / priceSpecification, in that order. */
function offerCandidates(offers: unknown, depth = 0): PriceCandidate[] {
  if (depth > 3) return [];
  if (Array.isArray(offers)) return offers.flatMap((offer) => offerCandidates(offer, depth + 1));
  if (!isRecord(offers)) return [];
  const currency = offers.priceCurrency;
  const candidates: PriceCandidate[] = [];
  const push = (price: unknown, priceCurrency: unknown): void => {
    if (price !== undefined && price !== null && price !== '') candidates.push({ price, currency: priceCurrency, machine: true });
  };
  if (schemaTypes(offers).includes('AggregateOffer')) push(offers.lowPrice, currency);
  push(offers.price, currency);
  const specs = Array.isArray(offers.priceSpecification) ? offers.priceSpecification : [offers.priceSpecification];
  for (const spec of specs) {
    if (isRecord(spec)) push(spec.price, spec.priceCurrency ?? currency);
  }
  if (schemaTypes(offers).includes('AggregateOffer')) {
    push(offers.highPrice, currency);
    candidates.push(...offerCandidates(offers.offers, depth + 1));
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------------
// extractUrlMetadata

export type ExtractUrlMetadataResult =
  | { ok: true; metadata: UrlMetadata; finalUrl: string }
  | { ok: false; error: string; code: FetchPageErrorCode };

/**
 * fetchPage + extractMetadata. Expected failures come back as `{ ok: false, error }` with a short
 * message (≤ 500 chars, fit for Item.metadataError); only programming errors are thrown.
 */
export async function extractUrlMetadata(
  url: string | URL,
  options: FetchPageOptions = {},
): Promise<ExtractUrlMetadataResult> {
  try {
    const page = await fetchPage(url, options);
    return { ok: true, metadata: extractMetadata(page.html, page.url), finalUrl: page.url };
  } catch (error) {
    if (error instanceof FetchPageError) {
      return { ok: false, error: error.message.slice(0, MAX_ERROR_CHARS), code: error.code };
    }
    throw error;
  }
}
