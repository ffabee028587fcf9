// Every request goes to the GraphQL API with the session cookie and the page's CSRF token.
const token = document.querySelector('meta[name="csrf-token"]').content;

export async function gql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-CSRF-Token': token,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && body.errors.length) {
    // The errors ride along: forms show a CONFLICT or a field's error where it belongs.
    throw Object.assign(new Error(body.errors.map((e) => e.message).join('; ')), { errors: body.errors });
  }
  return body.data;
}

// The network map from /map.json, for the same filter as the GraphQL analysis: the browser
// keeps it and asks again with its ETag, so an unchanged map is not sent twice.
export async function fetchMap(filter) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    for (const one of [value].flat()) query.append(key, String(one));
  }
  const response = await fetch(`/map.json?${query}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.errors?.map((e) => e.message).join('; ') || response.statusText);
  return body;
}

// The page's words, in its language, from the data block the server wrote.
export const T = JSON.parse(document.getElementById('texts').textContent);

export function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// Element builder: h('td', {class: 'num'}, '12'); strings become text nodes, never markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// Folded for search: any case, æøå and accents as plain letters, as the API's search does.
export function fold(text) {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim();
}

// Numbers, times and language names in the page's language, through the browser's Intl:
// decimal comma and Oslo time with its zone in bokmål.
const LOCALE = document.documentElement.lang === 'en' ? 'en-GB' : 'nb-NO';
const numberFormats = new Map();

export function number(value, digits = 2) {
  if (value === null || value === undefined) return '–';
  if (!numberFormats.has(digits)) {
    numberFormats.set(digits, new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  return numberFormats.get(digits).format(value);
}

const TIME = new Intl.DateTimeFormat(LOCALE, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  timeZone: 'Europe/Oslo', timeZoneName: 'short',
});

export function dateTime(iso) {
  return TIME.format(new Date(iso));
}

const DAY = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });

// A calendar date (YYYY-MM-DD) as the page's language writes it.
export function day(iso) {
  return DAY.format(new Date(`${iso}T00:00:00Z`));
}

const LANGUAGE_NAMES = new Intl.DisplayNames([LOCALE], { type: 'language', fallback: 'code' });

export function languageNames(codes) {
  return codes.map((code) => {
    try {
      return LANGUAGE_NAMES.of(code);
    } catch {
      return code; // not a language tag the browser knows
    }
  }).join(', ');
}
