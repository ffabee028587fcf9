// The overview: one node per community (and the public side and wider society), sized by
// its organisations, with the ties between them added up and coloured by the analysis
// status, so "where are the gaps?" is answered before the organisation map is opened.
import { T, h, say } from './api.js';

// Okabe-Ito colours; the status is also written in the label, so colour is never the only cue.
export const STATUS_COLOURS = {
  CUT_OFF: '#A4000F',
  SINGLE_BRIDGE: '#D55E00',
  WEAKLY_BRIDGED: '#E69F00',
  BRIDGED: '#0072B2',
  TOO_SMALL: '#999999',
};
const SEVERITY = Object.keys(STATUS_COLOURS);
const SIDE_NODES = { public: '#56B4E9', wider: '#B8B8B8' };
// Before the analysis names a status, the gap kind says the same in other words.
export function statusOf(community) {
  if (!community) return null;
  return community.status;
}

// Names stay readable on screen at any zoom.
const onScreen = (px) => (ele) => (px * (ele.cy().width() < 500 ? 0.8 : 1)) / Math.min(ele.cy().zoom(), 1.5);
const STYLE = [
  { selector: 'node', style: {
    'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)', shape: 'data(shape)',
    'border-width': 2, 'border-color': '#1b1b1f', label: 'data(label)', 'text-wrap': 'wrap',
    'text-max-width': onScreen(150), 'font-size': onScreen(13), color: '#1b1b1f', 'text-outline-color': '#fff',
    'text-outline-width': onScreen(3), 'text-valign': 'data(valign)', 'text-halign': 'data(halign)',
    'text-margin-x': (ele) => ({ left: -4, right: 4 })[ele.data('halign')] || 0 } },
  { selector: 'node.CUT_OFF', style: { 'border-style': 'dashed', 'border-width': 4, 'border-color': '#A4000F', 'font-weight': 'bold' } },
  { selector: 'node.SINGLE_BRIDGE', style: { 'border-width': 4, 'border-color': '#A4000F', 'font-weight': 'bold' } },
  { selector: 'node:selected', style: { 'overlay-color': '#F5A100', 'overlay-opacity': 0.45, 'overlay-padding': 8 } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#6B6B75', opacity: 0.55, 'curve-style': 'straight' } },
  // Ties between two minority communities matter less for the gaps: drawn faintly.
  { selector: 'edge.between', style: { opacity: 0.12 } },
  { selector: 'edge.fragile', style: { 'line-color': '#A4000F', opacity: 1, 'line-style': 'solid', width: 5 } },
];

// Each organisation's overview node: its community, or its side.
const groupOf = (o) => o.group ?? o.side;

export function summarise(payload) {
  const members = new Map();
  for (const o of payload.organisations) {
    const g = groupOf(o);
    if (!members.has(g)) members.set(g, []);
    members.get(g).push(o);
  }
  const links = new Map();
  const bridges = new Map(); // community -> ties from its organisations to other groups
  for (const t of payload.ties) {
    const a = payload.organisations[t.s];
    const b = payload.organisations[t.t];
    const [ga, gb] = [groupOf(a), groupOf(b)];
    if (ga === gb) continue;
    const key = [ga, gb].sort().join('|');
    const link = links.get(key) || { source: ga, target: gb, count: 0, fragile: false };
    link.count += 1;
    link.fragile ||= t.fragile;
    links.set(key, link);
    for (const [g, own, other] of [[ga, a, b], [gb, b, a]]) {
      if (!bridges.has(g)) bridges.set(g, []);
      bridges.get(g).push({ own, other, fragile: t.fragile });
    }
  }
  const groups = [...members.entries()].map(([id, orgs]) => {
    const side = id === 'public' || id === 'wider' ? id : null;
    const community = payload.communities[id];
    return {
      id,
      side,
      name: side ? T[side] : community?.name || id,
      status: side ? null : statusOf(community),
      organisations: orgs,
      bridges: bridges.get(id) || [],
    };
  });
  // Worst first, then the largest, the two sides last: the order of the list too.
  const rank = (g) => (g.side ? SEVERITY.length : SEVERITY.indexOf(g.status));
  groups.sort((x, y) => rank(x) - rank(y) || y.organisations.length - x.organisations.length);
  return { groups, links: [...links.values()] };
}

const isGap = (g) => !g.side && g.status !== 'BRIDGED' && g.status !== 'TOO_SMALL';

// The two sides in the middle, the gap communities on a ring around them (a missing line to
// the middle is the gap), the other communities on an outer ring; names point outwards.
function placing(groups) {
  const place = new Map([['public', { x: -70, y: 0 }], ['wider', { x: 70, y: 0 }]]);
  const ring = (members, radius) => members.forEach((g, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / members.length;
    place.set(g.id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  });
  const gaps = groups.filter(isGap);
  const rest = groups.filter((g) => !g.side && !isGap(g));
  ring(gaps, 190);
  ring(rest, Math.max(320, (rest.length * 70) / (2 * Math.PI)));
  return place;
}

export class Overview {
  constructor(container, list, onSelect) {
    this.container = container;
    this.list = list;
    this.onSelect = onSelect;
    this.cy = null;
  }

  show(payload) {
    this.summary = summarise(payload);
    const { groups, links } = this.summary;
    const sides = new Set(['public', 'wider']);
    const most = Math.max(1, ...groups.map((g) => g.organisations.length));
    const place = placing(groups);
    const elements = groups.map((g) => {
      const at = place.get(g.id);
      const gap = isGap(g);
      return {
        group: 'nodes',
        data: {
          id: g.id,
          label: gap ? `${g.name} (${g.organisations.length})\n${T.statusNames[g.status]}` : `${g.name} (${g.organisations.length})`,
          colour: g.side ? SIDE_NODES[g.side] : STATUS_COLOURS[g.status],
          shape: g.side === 'public' ? 'round-rectangle' : g.side === 'wider' ? 'round-triangle' : 'ellipse',
          size: 22 + 50 * Math.sqrt(g.organisations.length / most),
          halign: g.side ? 'center' : at.x < -1 ? 'left' : at.x > 1 ? 'right' : 'center',
          valign: g.side || Math.abs(at.x) > 1 ? 'center' : at.y < 0 ? 'top' : 'bottom',
        },
        position: at,
        classes: g.status || '',
      };
    });
    for (const l of links) {
      elements.push({
        group: 'edges',
        data: { id: `${l.source}|${l.target}`, source: l.source, target: l.target, width: 1 + Math.log2(l.count) * 1.5 },
        classes: l.fragile ? 'fragile' : sides.has(l.source) || sides.has(l.target) ? '' : 'between',
      });
    }
    if (this.cy) this.cy.destroy();
    this.cy = cytoscape({
      container: this.container,
      elements,
      style: STYLE,
      layout: { name: 'preset', fit: true, padding: 30 },
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => this.onSelect(event.target.id()));
    this.cy.on('zoom', () => {
      if (this.restyling) return;
      this.restyling = requestAnimationFrame(() => {
        this.restyling = null;
        this.cy.style().update();
      });
    });
    this.drawList();
  }

  group(id) {
    return this.summary?.groups.find((g) => g.id === id) || null;
  }

  select(id) {
    if (!this.cy) return;
    this.cy.$(':selected').unselect();
    this.cy.$id(id).select();
  }

  resize() {
    if (!this.cy) return;
    this.cy.resize();
    this.cy.fit(undefined, 30);
  }

  // The same as the picture, as a list: each community with its status, worst first.
  drawList() {
    const items = this.summary.groups.filter((g) => !g.side).map((g) => {
      const mark = h('span', { class: `swatch dot status-${g.status}`, 'aria-hidden': 'true' });
      mark.style.backgroundColor = STATUS_COLOURS[g.status];
      return h('li', { 'data-community': g.id, 'data-status': g.status }, mark, ' ',
        h('button', { type: 'button', class: 'link', onclick: () => this.onSelect(g.id) }, g.name),
        ` – ${T.statusNames[g.status]} (${say(T.orgCount, { n: g.organisations.length })})`);
    });
    const legend = SEVERITY.map((s) => {
      const mark = h('span', { class: 'swatch dot', 'aria-hidden': 'true' });
      mark.style.backgroundColor = STATUS_COLOURS[s];
      return h('li', {}, mark, ' ', T.statusNames[s]);
    });
    this.list.replaceChildren(
      h('h3', {}, T.legend),
      h('ul', { class: 'status-legend' }, legend),
      h('h3', {}, T.communitiesByStatus),
      h('ol', { class: 'community-list' }, items),
    );
  }
}

// The side panel's content for one community: status in plain words, its organisations and
// the ties that bridge it to the rest, each a button into the organisation map.
export function communityDetails(group, openOrg, openMap) {
  const org = (o) => h('button', { type: 'button', class: 'link', onclick: () => openOrg(o.id) }, o.name);
  const bridges = group.bridges.slice(0, 40);
  return [
    h('h3', { class: 'org-name' }, group.name),
    group.status ? h('p', { class: `status-note status-${group.status}` }, T.statusNote[group.status]) : null,
    h('p', {}, h('button', { type: 'button', onclick: () => openMap(group.id) }, T.showInMap)),
    h('h3', {}, say(T.orgCount, { n: group.organisations.length })),
    h('ul', {}, group.organisations.map((o) => h('li', {}, org(o)))),
    h('h3', {}, T.bridgesOut),
    bridges.length
      ? h('ul', {}, bridges.map((b) => h('li', { class: b.fragile ? 'fragile' : null },
        org(b.own), ' – ', org(b.other), b.fragile ? ` (${T.fragileTie})` : '')))
      : h('p', {}, T.noBridges),
    group.bridges.length > bridges.length ? h('p', { class: 'note' }, say(T.andMore, { n: group.bridges.length - bridges.length })) : null,
  ];
}
