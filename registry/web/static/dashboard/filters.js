// The filter form and the address: the filter a view names, the form's options from the
// map's catalogues, and links (exports, the language switch) that keep the view.
import { h } from './api.js';
import { params as currentParams } from './views.js';

export const FIELDS = { communityIds: 'f-community', areaIds: 'f-area', kinds: 'f-kind', topicIds: 'f-topic',
  yearFrom: 'f-year-from', yearTo: 'f-year-to' };
const $ = (id) => document.getElementById(id);

export function filterOf(params) {
  const filter = {};
  for (const key of ['communityIds', 'areaIds', 'kinds', 'topicIds']) {
    const value = params.get(key);
    if (value) filter[key] = value.split(',');
  }
  for (const key of ['yearFrom', 'yearTo']) if (params.get(key)) filter[key] = Number(params.get(key));
  return filter;
}

function fill(select, entries) {
  const chosen = select.value;
  select.replaceChildren(select.options[0], ...entries.map(([value, label]) => h('option', { value }, label)));
  select.value = chosen;
}

export function fillOptions(data) {
  const byName = (catalogue, keep = () => true) => Object.entries(catalogue).filter(([, v]) => keep(v))
    .map(([id, v]) => [id, v.name]).sort((a, b) => a[1].localeCompare(b[1]));
  fill($('f-community'), byName(data.communities));
  const districts = byName(data.areas, (a) => a.kind === 'DISTRICT');
  fill($('f-area'), [...districts, ...byName(data.areas, (a) => a.kind !== 'DISTRICT')]);
  fill($('f-topic'), byName(data.topics));
  const [first, last] = data.years.length ? data.years : [data.currentYear, data.currentYear];
  const years = [];
  for (let y = first; y <= last; y += 1) years.push([String(y), String(y)]);
  fill($('f-year-from'), years);
  fill($('f-year-to'), years);
  return true;
}

export function showParams(params) {
  for (const [key, id] of Object.entries(FIELDS)) $(id).value = (params.get(key) || '').split(',')[0];
  // Exports keep the filter.
  const filter = new URLSearchParams();
  for (const key of Object.keys(FIELDS)) if (params.get(key)) filter.set(key, params.get(key));
  if (document.documentElement.lang !== 'nb') filter.set('lang', document.documentElement.lang);
  for (const link of document.querySelectorAll('a.export')) {
    const url = new URL(link.href);
    url.search = filter.toString();
    link.href = url.toString();
  }
  keepViewInLanguageLink();
}

// The language switch keeps the whole view.
function keepViewInLanguageLink() {
  const language = document.querySelector('a[hreflang]');
  const switched = currentParams();
  switched.set('lang', language.getAttribute('hreflang'));
  language.href = `?${switched}`;
}
window.addEventListener('viewchange', keepViewInLanguageLink);
