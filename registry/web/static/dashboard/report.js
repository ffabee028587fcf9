// The gap report from the API's `analysis` query: every chart comes with a table or list
// holding the same figures, so the report reads in full without the map or the charts.
import { T, dateTime, day, h, number, say } from './api.js';
import { barChart, heatMap } from './charts.js';

const STATUS_COLOURS = {
  CUT_OFF: '#A4000F', SINGLE_BRIDGE: '#D55E00', WEAKLY_BRIDGED: '#B07A00', BRIDGED: '#0072B2', TOO_SMALL: '#6B6B75',
};
const OK = '#0072B2';

function table(caption, headers, rows) {
  // A scroll box the keyboard can reach (it scrolls sideways on narrow screens).
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => (i === 0
      ? h('th', { scope: 'row' }, c) : h('td', { class: typeof c === 'string' && /^[-−\d.,\s]+$/.test(c) ? 'num' : null }, c))))))));
}

function section(id, title, ...content) {
  return h('section', { 'aria-labelledby': id, class: 'report-part' }, h('h3', { id }, title), ...content);
}

export function renderReport(container, analysis, ctx) {
  const report = analysis.report;
  const org = (id) => h('button', { type: 'button', class: 'link', 'data-org': id }, ctx.nameOf(id));
  const s = report.summary;
  container.replaceChildren(
    h('p', { class: 'note' }, `${T.computedAt}: ${dateTime(analysis.computedAt)}`,
      ` · ${T.asOf}: ${day(report.parameters.asOf)}`, analysis.fresh ? '' : ` ${T.stale}`),
    section('r-summary', T.summary, h('dl', { class: 'summary' },
      [[T.organisations, s.organisations], [T.ties, s.ties], [T.communities, s.communities],
        [T.gapCommunities, s.gapCommunities],
        ...Object.entries(s.statuses).map(([k, v]) => [T[k], v]),
        [T.components, s.components], [T.bridges, s.bridges], [T.articulationPoints, s.articulationPoints]]
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]))),
    gaps(report, ctx.nameOf),
    brokers(report, org),
    fragile(report, org),
    introductions(report, org, ctx.payload),
    coverage(report),
  );
  container.setAttribute('aria-busy', 'false');
  container.querySelectorAll('button[data-org]').forEach((b) => b.addEventListener('click', () => ctx.select(b.dataset.org)));
}

// The status's reason in the page's language, from the figures behind it.
function reasonOf(c, nameOf) {
  const figures = say(T.reasonFigures, { b: c.bridgingTies, e: number(c.bridgingExpected, 1) });
  const names = (ids) => ids.map(nameOf).join(` ${T.and} `);
  switch (c.status) {
    case 'TOO_SMALL': return say(T.reasonTooSmall, { n: c.organisations.length });
    case 'CUT_OFF': return T.reasonCutOff;
    case 'SINGLE_BRIDGE': return say(T.reasonSingleBridge, {
      names: c.singlePoints.length ? names(c.singlePoints) : names(c.singleTies[0] || []) });
    case 'WEAKLY_BRIDGED': return `${figures} (p = ${number(c.bridgingP, 3)})`;
    default: return `${T.reasonSeveralPaths}; ${figures}`;
  }
}

function gaps(report, nameOf) {
  const rows = report.communities;
  const chart = barChart(rows.map((c) => ({
    label: c.name, value: c.eiIndex, colour: STATUS_COLOURS[c.status] || OK,
    note: c.eiExpected === null ? '' : `${T.eiExpected} ${number(c.eiExpected)}`,
  })), { min: -1, max: 1, label: say(T.chartOf, { t: T.gapsTitle }) });
  return section('r-gaps', T.gapsTitle, h('p', {}, T.gapsIntro), h('div', { class: 'chart-wrap' }, chart),
    table(T.gapsTitle, [T.community, T.status, T.statusReason, T.eiIndex, T.eiExpected, T.organisations,
      T.internalTies, T.publicTies, T.widerTies, T.minorityTies, T.hopsToPublic],
    rows.map((c) => [c.name, T[c.status], reasonOf(c, nameOf), number(c.eiIndex), number(c.eiExpected),
      String(c.organisations.length), String(c.internalTies), String(c.publicTies), String(c.widerTies),
      String(c.minorityTies), c.hopsToPublic === null ? '–' : String(c.hopsToPublic)])));
}

function brokers(report, org) {
  const top = report.brokers.top;
  // The two roles it plays most often (Gould and Fernandez), with how often.
  const roles = (r) => Object.entries(r).filter(([, n]) => n).sort((a, b) => b[1] - a[1]).slice(0, 2)
    .map(([k, n]) => `${k} ${n}`).join(', ');
  const chart = barChart(top.slice(0, 10).map((b) => ({ label: b.name, value: b.betweenness, colour: OK })),
    { min: 0, max: Math.max(...top.map((b) => b.betweenness), 0.01), label: say(T.chartOf, { t: T.brokersTitle }), digits: 3 });
  return section('r-brokers', T.brokersTitle, h('div', { class: 'chart-wrap' }, chart),
    table(T.brokersTitle, [T.organisation, T.side, T.betweenness, T.effectiveSize, T.constraint, T.roles],
      top.map((b) => [org(b.organisation), T[b.side], number(b.betweenness, 3), number(b.effectiveSize, 1),
        number(b.constraint, 3), roles(b.roles)])));
}

function fragile(report, org) {
  // Every tie that cuts organisations off, with how many, beside the organisations that do.
  const ties = (f) => f.ties.map((t, i) => [i ? '; ' : '', org(t.tie[0]), ' – ', org(t.tie[1]), ` (${t.cutsOff.length})`]);
  const items = report.fragility.map((f) => h('li', {}, `${f.name}: `,
    f.singlePoints.length ? [`${T.hangsOn} `, f.singlePoints.map((o, i) => [i ? ', ' : '', org(o)]), '. '] : [],
    ties(f)));
  return section('r-fragile', T.fragileTitle, items.length ? h('ul', {}, items) : h('p', {}, T.noFragile));
}

// An introduction's reasons in the page's language, from the figures behind them.
function reasonsOf(i, community, catalogue) {
  const named = (ids, table) => ids.map((id) => table?.[id]?.name || id).join(', ');
  return [
    i.statusAfter !== community.status
      ? say(T.gainStatus, { c: community.name, from: T[community.status], to: T[i.statusAfter] }) : '',
    i.newlyReached ? say(T.gainReached, { n: i.newlyReached, c: community.name }) : '',
    i.dependenciesRemoved ? say(T.gainLessFragile, { n: i.dependenciesRemoved }) : '',
    i.sharedAreas.length ? say(T.sameDistrict, { names: named(i.sharedAreas, catalogue.areas) }) : '',
    i.sharedTopics.length ? say(T.sharedTopics, { names: named(i.sharedTopics, catalogue.topics) }) : '',
    i.commonPartners.length ? say(T.commonPartners, { n: i.commonPartners.length }) : '',
  ].filter(Boolean).join('; ');
}

function introductions(report, org, catalogue) {
  const names = Object.fromEntries(report.communities.map((c) => [c.community, c.name]));
  const byId = Object.fromEntries(report.communities.map((c) => [c.community, c]));
  const byCommunity = new Map();
  for (const i of report.introductions) {
    if (!byCommunity.has(i.community)) byCommunity.set(i.community, []);
    byCommunity.get(i.community).push(i);
  }
  const parts = [...byCommunity.entries()].map(([community, list]) =>
    table(names[community] || community, [T.organisation, T.partner, T.gain, T.reasons],
      list.map((i) => [org(i.from), org(i.to), number(i.gain, 2), reasonsOf(i, byId[community], catalogue)])));
  const notes = report.communities.filter((c) => c.introductionsNote)
    .map((c) => h('li', {}, `${c.name}: ${T.whyNone[c.introductionsNote] || c.introductionsNote}`));
  return section('r-intros', T.introductionsTitle, parts.length ? parts : h('p', {}, T.noIntroductions),
    notes.length ? h('ul', {}, notes) : []);
}

function coverage(report) {
  const districts = report.districts.filter((d) => d.kind === 'DISTRICT');
  const communities = new Map();
  for (const d of districts) for (const c of d.communities) communities.set(c.community, c.name);
  const rows = [...communities.entries()].map(([id, label]) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const columns = districts.map((d) => ({ id: d.area, label: d.name }));
  const cells = new Map(districts.flatMap((d) => d.communities.map((c) => [`${d.area}/${c.community}`,
    { value: c.organisations.length, tied: c.tied }])));
  const most = Math.max(1, ...[...cells.values()].map((c) => c.value));
  const scale = ({ value, tied }) => {
    // Light enough at full strength for dark text at 4.5:1 and more (WCAG AA).
    const strength = 0.12 + 0.43 * (value / most);
    const fill = tied ? `rgba(0, 114, 178, ${strength})` : `rgba(213, 94, 0, ${strength})`;
    return { fill, ink: '#1b1b1f' };
  };
  const chart = heatMap(rows, columns, (r, c) => cells.get(`${c.id}/${r.id}`),
    { label: say(T.chartOf, { t: T.coverageTitle }), scale });
  const listed = (d, tied) => d.communities.filter((c) => c.tied === tied)
    .map((c) => `${c.name} (${c.organisations.length})`).join(', ') || T.none;
  return section('r-coverage', T.coverageTitle, h('p', {}, T.coverageIntro), h('div', { class: 'chart-wrap' }, chart),
    table(T.coverageTitle, [T.district, T.tied, T.untied], districts.map((d) => [d.name, listed(d, true), listed(d, false)])));
}
