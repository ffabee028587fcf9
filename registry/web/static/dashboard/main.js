// The dashboard: filters in the address bar, the map and the gap report from one GraphQL
// request, the side panel, and export links that carry the same filter.
import { T, gql, h, say } from './api.js';
import { NetworkMap } from './map.js';
import { showDetails } from './panel.js';
import { renderReport } from './report.js';

const QUERY = `query Dashboard($filter: AnalysisFilterInput) {
  networkMap(filter: $filter)
  analysis(filter: $filter) { fresh computedAt report }
}`;
const FIELDS = { communityIds: 'f-community', areaIds: 'f-area', kinds: 'f-kind', topicIds: 'f-topic',
  yearFrom: 'f-year-from', yearTo: 'f-year-to' };
const $ = (id) => document.getElementById(id);
const status = $('status');
const panel = $('details');
let payload = null;
let optionsFilled = false;
let retries = 0;

const map = new NetworkMap($('cy'), $('legend'), (id) => select(id));

function currentParams() {
  return new URLSearchParams(window.location.search);
}

function filterOf(params) {
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

function fillOptions(data) {
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
  optionsFilled = true;
}

function showParams(params) {
  for (const [key, id] of Object.entries(FIELDS)) $(id).value = (params.get(key) || '').split(',')[0];
  // Exports and the language switch keep the filter.
  for (const link of document.querySelectorAll('a.export')) {
    const url = new URL(link.href);
    url.search = params.toString();
    if (document.documentElement.lang !== 'nb') url.searchParams.set('lang', document.documentElement.lang);
    link.href = url.toString();
  }
  const language = document.querySelector('a[hreflang]');
  const switched = new URLSearchParams(params);
  switched.set('lang', language.getAttribute('hreflang'));
  language.href = `?${switched}`;
}

async function load() {
  const params = currentParams();
  status.textContent = T.loading;
  try {
    const data = await gql(QUERY, { filter: filterOf(params) });
    payload = data.networkMap;
    if (!optionsFilled) fillOptions(payload);
    showParams(params);
    map.show(payload, $('colour-by').value, $('size-by').value);
    $('all-ties').checked = map.allTies;
    $('org-names').replaceChildren(...payload.organisations.map((o) => h('option', { value: o.name })));
    renderReport($('report-body'), data.analysis, context());
    const counts = map.visibleCounts();
    status.textContent = say(T.shown, counts) + (data.analysis.fresh ? '' : ` ${T.stale}`);
    if (!data.analysis.fresh && retries < 10) {
      retries += 1;
      setTimeout(load, 3000);
    }
  } catch (error) {
    status.textContent = say(T.error, { m: error.message });
  }
}

function context() {
  const byId = new Map(payload.organisations.map((o) => [o.id, o]));
  return {
    payload,
    nameOf: (id) => byId.get(id)?.name || id,
    kindOf: (id) => byId.get(id)?.kind,
    select,
  };
}

async function select(id) {
  map.select(id);
  try {
    await showDetails(panel, id, payload);
  } catch (error) {
    status.textContent = say(T.error, { m: error.message });
  }
}

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [key, id] of Object.entries(FIELDS)) if ($(id).value) params.set(key, $(id).value);
  const lang = currentParams().get('lang');
  if (lang) params.set('lang', lang);
  window.history.replaceState(null, '', `?${params}`);
  retries = 0;
  panel.hidden = true;
  load();
});

$('filters').addEventListener('reset', () => {
  window.history.replaceState(null, '', window.location.pathname);
  retries = 0;
  panel.hidden = true;
  setTimeout(load);
});

$('find').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = map.find($('find-name').value);
  if (id) select(id);
  else status.textContent = T.notFound;
});

$('path').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = map.find($('path-from').value);
  const to = map.find($('path-to').value);
  if (!from || !to) {
    status.textContent = T.notFound;
    return;
  }
  const names = map.path(from, to);
  status.textContent = names ? names.join(' → ') : T.noPath;
});

$('show-all').addEventListener('click', () => {
  map.showAll();
  status.textContent = say(T.shown, map.visibleCounts());
});

$('show-steps').addEventListener('click', () => {
  map.neighbourhood(panel.dataset.id, Number($('steps').value));
  status.textContent = say(T.shown, map.visibleCounts());
});

$('details-close').addEventListener('click', () => {
  panel.hidden = true;
  $('find-name').focus();
});

$('all-ties').addEventListener('change', () => {
  map.showAllTies($('all-ties').checked);
  status.textContent = say(T.shown, map.visibleCounts());
});

for (const id of ['colour-by', 'size-by']) {
  $(id).addEventListener('change', () => map.restyle($('colour-by').value, $('size-by').value));
}

load();
