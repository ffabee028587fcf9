// The dashboard: the view in the address bar, the overview and the organisation map from
// /map.json, the gap report from GraphQL, the side panel, and export links that carry the
// same filter.
import { T, fetchMap, gql, h, say } from './api.js';
import { NetworkMap } from './map.js';
import { Overview, communityDetails } from './overview.js';
import { mayEdit, newOrganisationForm } from './editing.js';
import { showDetails } from './panel.js';
import { downloadPng, preparePrint, withProgress } from './printing.js';
import { renderReport } from './report.js';
import { FIELDS, fillOptions, filterOf, showParams } from './filters.js';
import { params as currentParams, setParams, wireSavedViews } from './views.js';

const QUERY = `query Dashboard($filter: AnalysisFilterInput) {
  analysis(filter: $filter) { fresh computedAt report }
}`;
const $ = (id) => document.getElementById(id);
const status = $('status');
const panel = $('details');
let payload = null;
let optionsFilled = false;
let retries = 0;

const map = new NetworkMap($('cy'), $('legend'), (id) => select(id));
const overview = new Overview($('ov-cy'), $('overview-list'), (id) => selectCommunity(id));


function setView(view) {
  const orgs = view === 'orgs';
  for (const id of ['cy', 'legend', 'org-tools']) $(id).hidden = !orgs;
  for (const id of ['ov-cy', 'overview-list']) $(id).hidden = orgs;
  $('view-orgs').setAttribute('aria-pressed', String(orgs));
  $('view-overview').setAttribute('aria-pressed', String(!orgs));
  setParams({ view: orgs ? 'orgs' : null });
  if (!payload) return;
  if (orgs) {
    map.resize();
    status.textContent = say(T.shown, map.visibleCounts());
  } else {
    overview.resize();
    showOverviewStatus();
  }
}

function showOverviewStatus() {
  const communities = overview.summary.groups.filter((g) => !g.side);
  const gaps = communities.filter((g) => g.status !== 'BRIDGED' && g.status !== 'TOO_SMALL');
  status.textContent = say(T.overviewShown, { c: communities.length, g: gaps.length });
}

// The map is drawn as soon as it arrives; the full report, asked for at the same time,
// can take longer on a large network.
async function load() {
  const params = currentParams();
  const filter = filterOf(params);
  status.textContent = T.loading;
  const report = gql(QUERY, { filter });
  report.catch(() => {}); // reported below, once the map is drawn
  try {
    payload = await withProgress(() => fetchMap(filter));
    if (!optionsFilled) optionsFilled = fillOptions(payload);
    showParams(params);
    for (const [key, id] of [['colour', 'colour-by'], ['size', 'size-by']]) {
      if (params.get(key)) $(id).value = params.get(key);
    }
    map.show(payload, $('colour-by').value, $('size-by').value);
    overview.show(payload);
    $('all-ties').checked = map.allTies;
    $('org-names').replaceChildren(...payload.organisations.map((o) => h('option', { value: o.name })));
    restoreView(params);
    const data = await withProgress(() => report);
    renderReport($('report-body'), data.analysis, context());
    if (!data.analysis.fresh) status.textContent += ` ${T.stale}`;
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

// The view the address names: which map, the highlighted community, the selection.
function restoreView(params) {
  const community = params.get('community') || (params.get('communityIds') || '').split(',')[0];
  setView(params.get('view') === 'orgs' ? 'orgs' : 'overview');
  if (community && payload.communities[community]) {
    map.highlight(community);
    if (params.get('view') !== 'orgs') selectCommunity(community);
  }
  if (params.get('org')) select(params.get('org'));
}

function selectCommunity(id) {
  const group = overview.group(id);
  if (!group) return;
  overview.select(id);
  setParams({ community: group.side ? null : id, org: null });
  $('org-steps').hidden = true;
  panel.hidden = false;
  panel.dataset.id = '';
  const openOrg = (org) => {
    setView('orgs');
    select(org);
  };
  const openMap = (community) => {
    setParams({ community });
    setView('orgs');
    map.highlight(community);
    status.textContent = say(T.highlighted, { c: group.name });
  };
  $('details-body').replaceChildren(...communityDetails(group, openOrg, openMap).filter(Boolean));
  panel.focus({ preventScroll: true });
}

async function select(id) {
  map.select(id);
  setParams({ org: id });
  $('org-steps').hidden = false;
  try {
    await showDetails(panel, id, payload, editing);
  } catch (error) {
    status.textContent = say(T.error, { m: error.message });
  }
}

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [key, id] of Object.entries(FIELDS)) if ($(id).value) params.set(key, $(id).value);
  const kept = currentParams();
  for (const key of ['lang', 'view', 'colour', 'size']) if (kept.get(key)) params.set(key, kept.get(key));
  window.history.replaceState(null, '', `?${params}`);
  retries = 0;
  panel.hidden = true;
  load();
});

$('filters').addEventListener('reset', () => {
  const lang = currentParams().get('lang');
  window.history.replaceState(null, '', lang ? `?lang=${lang}` : window.location.pathname);
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
  setParams({ org: null, community: null });
  map.highlight(null);
  $('find-name').focus();
});

$('all-ties').addEventListener('change', () => {
  map.showAllTies($('all-ties').checked);
  status.textContent = say(T.shown, map.visibleCounts());
});

for (const id of ['colour-by', 'size-by']) {
  $(id).addEventListener('change', () => {
    map.restyle($('colour-by').value, $('size-by').value);
    setParams({ colour: $('colour-by').value, size: $('size-by').value });
  });
}

for (const button of document.querySelectorAll('.view-switch button')) {
  button.addEventListener('click', () => setView(button.dataset.view));
}

wireSavedViews($('save-view'), $('saved-views'), status);

// After a change in the page: the map and report again, then the organisation's details.
const editing = {
  get payload() { return payload; },
  find: (name) => map.find(name),
  async changed(id, message) {
    await load();
    if (id) await select(id);
    else panel.hidden = true;
    if (message) status.textContent = message;
  },
};

// The map on screen now: the overview or the organisation map.
const shownMap = () => (currentParams().get('view') === 'orgs' ? map.cy : overview.cy);
$('export-png').addEventListener('click', () => downloadPng(shownMap()));
// The mail program opens with the selection's contacts in Bcc, or the page says why not
// (too many for one mailto: link: the recipient list is the way then).
document.getElementById('mail-bcc')?.addEventListener('click', async (event) => {
  event.preventDefault();
  const response = await fetch(event.currentTarget.href, { credentials: 'same-origin' });
  const text = await response.text();
  if (response.ok) window.location.href = text.trim();
  else $('status').textContent = JSON.parse(text).errors?.[0]?.message || text;
});
$('print').addEventListener('click', () => {
  preparePrint(shownMap());
  window.print();
});
window.addEventListener('beforeprint', () => preparePrint(shownMap()));

if (mayEdit) {
  $('new-org').addEventListener('click', () => {
    $('org-steps').hidden = true;
    panel.hidden = false;
    panel.dataset.id = '';
    $('details-body').replaceChildren(newOrganisationForm(editing));
    $('details-body').querySelector('input').focus();
  });
}

load();
