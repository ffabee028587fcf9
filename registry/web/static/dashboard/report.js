// The gap report from the API's `analysis` query: every chart comes with a table or list
// holding the same figures, so the report reads in full without the map or the charts.
import { T, dateTime, h, number, say } from './api.js';
import { barChart, heatMap } from './charts.js';

const GAP_COLOURS = { NO_PATH: '#A4000F', NO_BRIDGING_TIE: '#D55E00', SINGLE_BRIDGE: '#B07A00' };
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
      analysis.fresh ? '' : ` ${T.stale}`),
    section('r-summary', T.summary, h('dl', { class: 'summary' },
      [[T.organisations, s.organisations], [T.ties, s.ties], [T.communities, s.communities],
        [T.gapCommunities, s.gap_communities], [T.components, s.components],
        [T.bridges, s.bridges], [T.articulationPoints, s.articulation_points]]
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]))),
    gaps(report),
    brokers(report, org),
    fragile(report, org),
    introductions(report, org, ctx),
    coverage(report),
  );
  container.setAttribute('aria-busy', 'false');
  container.querySelectorAll('button[data-org]').forEach((b) => b.addEventListener('click', () => ctx.select(b.dataset.org)));
}

function gaps(report) {
  const rows = report.communities;
  const chart = barChart(rows.map((c) => ({
    label: c.name, value: c.ei_index, colour: GAP_COLOURS[c.gap_kind] || OK, note: c.gap ? '!' : '',
  })), { min: -1, max: 1, label: say(T.chartOf, { t: T.gapsTitle }) });
  return section('r-gaps', T.gapsTitle, h('p', {}, T.gapsIntro), h('div', { class: 'chart-wrap' }, chart),
    table(T.gapsTitle, [T.community, T.gap, T.eiIndex, T.organisations, T.internalTies, T.publicTies,
      T.widerTies, T.minorityTies, T.hopsToPublic],
    rows.map((c) => [c.name, c.gap ? T[c.gap_kind] : T.noGap, number(c.ei_index), String(c.organisations.length),
      String(c.internal_ties), String(c.public_ties), String(c.wider_ties), String(c.minority_ties),
      c.hops_to_public === null ? '–' : String(c.hops_to_public)])));
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
      top.map((b) => [org(b.organisation), T[b.side], number(b.betweenness, 3), number(b.effective_size, 1),
        number(b.constraint, 3), roles(b.roles)])));
}

function fragile(report, org) {
  const items = report.fragility.map((f) => {
    if (f.single_points.length) {
      return h('li', {}, `${f.name}: ${T.hangsOn} `, f.single_points.map((o, i) => [i ? ', ' : '', org(o)]));
    }
    if (f.single_ties.length) {
      const [a, b] = f.single_ties[0];
      return h('li', {}, `${f.name}: ${T.hangsOnTie} `, org(a), ' – ', org(b));
    }
    return h('li', {}, say(T.exposed, { c: f.name, n: f.organisations.length }));
  });
  return section('r-fragile', T.fragileTitle, items.length ? h('ul', {}, items) : h('p', {}, T.noFragile));
}

function reasonText(intro, ctx) {
  const catalogue = ctx.payload;
  const named = (ids, cat) => ids.map((i) => cat[i]?.name || i).join(', ');
  const parts = [];
  if (intro.shared_topics.length) parts.push(`${T.sharedTopics}: ${named(intro.shared_topics, catalogue.topics)}`);
  if (intro.shared_areas.length) parts.push(`${T.sameArea}: ${named(intro.shared_areas, catalogue.areas)}`);
  if (intro.common_partners.length) {
    parts.push(`${intro.common_partners.length} ${T.commonPartners}: ${intro.common_partners.map(ctx.nameOf).join(', ')}`);
  }
  if (ctx.kindOf(intro.partner) === 'MUNICIPAL_UNIT') parts.push(T.municipalUnit);
  return parts.join('; ');
}

function introductions(report, org, ctx) {
  const names = Object.fromEntries(report.communities.map((c) => [c.community, c.name]));
  const parts = Object.entries(report.introductions).filter(([, list]) => list.length).map(([community, list]) =>
    table(names[community] || community, [T.organisation, T.partner, T.score, T.reasons],
      list.map((i) => [org(i.organisation), org(i.partner), number(i.score, 1), reasonText(i, ctx)])));
  return section('r-intros', T.introductionsTitle, parts.length ? parts : h('p', {}, T.noIntroductions));
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
