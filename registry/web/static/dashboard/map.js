// The network map: Cytoscape.js over positions the server computed (preset layout), so a
// map of thousands of organisations appears without a force layout running in the page.
import { T, fold, h } from './api.js';

const SCALE = 36; // server units (node spacings) to pixels
// From this many organisations, trade detail for speed: the canvas redraws every tie on
// every change, so the ordinary ties stay hidden (quiet) until asked for or selected.
const LARGE = 1500;
export const KIND_COLOURS = {
  IMMIGRANT_ORGANISATION: '#E69F00',
  FAITH_COMMUNITY: '#CC79A7',
  VOLUNTARY_ORGANISATION: '#009E73',
  RESOURCE_COMMUNITY: '#D55E00',
  MUNICIPAL_UNIT: '#0072B2',
  PUBLIC_BODY: '#56B4E9',
  BUSINESS: '#F0E442',
  EDUCATION: '#8C6D31',
  OTHER: '#999999',
};
const PALETTE = ['#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442',
  '#8C6D31', '#7B3294', '#66A61E', '#E7298A'];
const SIDE_COLOURS = { public: '#0072B2', wider: '#B8B8B8' };
const REST = '#DDDDDD';
const SHAPES = { public: 'round-rectangle', minority: 'ellipse', wider: 'round-triangle' };
const RED = '#A4000F';

// Sizes that stay the same on screen at any zoom (gap marks never thinner than at zoom 1).
const onScreen = (px) => (ele) => px / ele.cy().zoom();
const atLeast = (px) => (ele) => px / Math.min(ele.cy().zoom(), 1);

const STYLE = [
  { selector: 'node', style: {
    'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
    shape: 'data(shape)', 'border-width': 1, 'border-color': '#333',
    label: '', 'font-size': 10, color: '#1b1b1f',
    'text-outline-color': '#fff', 'text-outline-width': onScreen(2), 'text-valign': 'bottom',
    'text-margin-y': onScreen(3) } },
  { selector: 'node', style: { 'font-size': onScreen(12) } },
  { selector: 'node.gap', style: { 'border-color': RED, 'border-width': atLeast(3), 'border-style': 'dashed' } },
  { selector: 'node.broker', style: { 'border-color': '#111', 'border-width': atLeast(4), 'border-style': 'double', 'font-size': onScreen(13) } },
  { selector: 'node.hinge', style: { 'border-color': RED, 'border-width': atLeast(5), 'border-style': 'solid', 'font-size': onScreen(14) } },
  { selector: 'node.labelled, node.named, node:selected, node.in-focus', style: { label: 'data(name)' } },
  { selector: 'node.faded', style: { opacity: 0.25 } },
  { selector: 'edge.faded', style: { opacity: 0.08 } },
  { selector: 'node.in-focus', style: { 'underlay-color': '#F5A100', 'underlay-opacity': 0.6, 'underlay-padding': 5 } },
  { selector: 'node:selected', style: { 'overlay-color': '#F5A100', 'overlay-opacity': 0.45, 'overlay-padding': 6, 'font-size': onScreen(15), 'z-index': 10 } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#6B6B75', opacity: 0.55, 'curve-style': 'haystack' } },
  { selector: 'edge.activity', style: { 'line-color': '#9A9AA3', 'line-style': 'dashed', 'curve-style': 'straight' } },
  { selector: 'edge.part-of', style: { 'line-color': '#0072B2', 'line-style': 'dotted', width: 2, opacity: 0.8, 'curve-style': 'straight' } },
  { selector: 'edge.uncounted', style: { 'line-color': '#C4C4CC', 'line-style': 'dotted', opacity: 0.35 } },
  { selector: 'edge.fragile', style: { 'line-color': RED, width: atLeast(5), opacity: 1, 'z-index': 9, 'curve-style': 'straight' } },
  { selector: '.hidden, edge.quiet', style: { display: 'none' } },
];

function tieClass(tie, large) {
  const kinds = tie.kinds;
  const collaboration = kinds.some((k) => k !== 'ACTIVITY' && k !== 'PART_OF');
  const kind = collaboration ? 'collaboration' : kinds.includes('PART_OF') ? 'part-of' : 'activity';
  if (tie.fragile) return `${kind} fragile`;
  // Ended ties and large shared events stay on the map but do not count in the analysis.
  const counted = tie.counted ? '' : ' uncounted';
  return large && kind !== 'part-of' ? `${kind} quiet ordinary${counted}` : `${kind} ordinary${counted}`;
}

// The colour of each organisation under `mode`, and the legend's entries for it.
function colouring(orgs, mode, communities) {
  if (mode === 'kind') {
    const entries = Object.entries(KIND_COLOURS).map(([k, c]) => [T.kinds[k], c]);
    return { of: (o) => KIND_COLOURS[o.kind], entries };
  }
  // An organisation of several communities takes the colour of the one worst off.
  const key = mode === 'cluster' ? (o) => o.cluster : (o) => o.worst ?? o.group;
  const counts = new Map();
  for (const o of orgs) {
    const k = key(o);
    if (k !== null && !(k in SIDE_COLOURS)) counts.set(k, (counts.get(k) || 0) + 1);
  }
  const GAPS = ['CUT_OFF', 'SINGLE_BRIDGE', 'WEAKLY_BRIDGED'];
  const gap = (k) => (mode === 'group' && GAPS.includes(communities[k]?.status) ? 1 : 0);
  const top = [...counts.entries()].sort((a, b) => gap(b[0]) - gap(a[0]) || b[1] - a[1]).slice(0, PALETTE.length);
  const colours = new Map(top.map(([k], i) => [k, PALETTE[i]]));
  // A community is named with its status (CUT_OFF, SINGLE_BRIDGE, ...) as the report gives it.
  const status = (k) => (communities[k]?.status ? ` (${T[communities[k].status]})` : '');
  const name = (k) => (mode === 'cluster' ? `${T.cluster} ${k + 1}` : `${communities[k]?.name || k}${status(k)}`);
  const entries = top.map(([k]) => [name(k), colours.get(k)]);
  if (mode === 'group') entries.push([T.public, SIDE_COLOURS.public], [T.wider, SIDE_COLOURS.wider]);
  entries.push([T.others, REST]);
  const of = (o) => colours.get(key(o)) || (mode === 'group' && SIDE_COLOURS[o.group]) || REST;
  return { of, entries };
}

function sizing(orgs, measure) {
  const top = Math.max(...orgs.map((o) => o[measure]), 1e-9);
  return (o) => 14 + 42 * Math.sqrt(o[measure] / top);
}

export class NetworkMap {
  constructor(container, legend, onSelect) {
    this.container = container;
    this.legend = legend;
    this.onSelect = onSelect;
    this.cy = null;
    this.byName = new Map();
  }

  show(payload, colourBy, sizeBy) {
    this.payload = payload;
    if (this.cy) this.cy.destroy();
    const orgs = payload.organisations;
    this.large = orgs.length >= LARGE;
    this.allTies = !this.large;
    this.revealed = null;
    this.wanted = null;
    const colour = colouring(orgs, colourBy, payload.communities);
    const size = sizing(orgs, sizeBy);
    const elements = orgs.map((o) => ({
      group: 'nodes',
      data: {
        id: o.id, name: o.name, group: o.group, communities: o.communities || [],
        shape: SHAPES[o.side], colour: colour.of(o), size: size(o),
      },
      position: { x: o.x * SCALE, y: o.y * SCALE },
      // Organisations in a gap and single bridges are named at any zoom.
      classes: [...o.flags, o.flags.includes('gap') || o.flags.includes('hinge') ? 'labelled' : ''].join(' '),
    }));
    payload.ties.forEach((t, i) => elements.push({
      group: 'edges',
      data: { id: `t${i}`, source: orgs[t.s].id, target: orgs[t.t].id, width: Math.min(1 + t.weight / 3, 4) },
      classes: tieClass(t, this.large),
    }));
    this.cy = cytoscape({
      container: this.container,
      elements,
      style: STYLE,
      layout: { name: 'preset', fit: true, padding: 20 },
      minZoom: 0.02,
      maxZoom: 5,
      boxSelectionEnabled: false,
      autoungrabify: this.large,
      selectionType: 'single',
      // On large maps pan a snapshot of the drawing instead of drawing again.
      textureOnViewport: this.large,
      pixelRatio: this.large ? 1 : 'auto',
    });
    this.cy.on('tap', 'node', (event) => this.onSelect(event.target.id()));
    this.cy.on('zoom', () => this.scaleText());
    this.scaleText();
    this.byName = new Map(orgs.map((o) => [fold(o.name), o.id]));
    this.drawLegend(colour.entries);
  }

  restyle(colourBy, sizeBy) {
    const orgs = this.payload.organisations;
    const colour = colouring(orgs, colourBy, this.payload.communities);
    const size = sizing(orgs, sizeBy);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const o = byId.get(node.id());
        node.data({ colour: colour.of(o), size: size(o) });
      });
    });
    this.drawLegend(colour.entries);
  }

  // Every tie drawn, or on large maps only the structure and what is selected.
  showAllTies(all) {
    this.allTies = all;
    this.revealed = null;
    this.cy.batch(() => {
      const ordinary = this.cy.edges('.ordinary').not('.part-of');
      if (all) ordinary.removeClass('quiet');
      else ordinary.addClass('quiet');
    });
    if (!all) this.reveal(this.wanted || this.cy.collection());
  }

  // Draws these ties (those of the selection or the view) and quiets the ones drawn before.
  reveal(edges) {
    this.wanted = edges;
    if (this.allTies) return;
    this.cy.batch(() => {
      if (this.revealed) this.revealed.addClass('quiet');
      this.revealed = edges.filter('.quiet').removeClass('quiet');
    });
  }

  drawLegend(entries) {
    const swatch = (colour, shape = 'dot') => {
      const el = h('span', { class: `swatch ${shape}`, 'aria-hidden': 'true' });
      el.style.backgroundColor = colour;
      return el;
    };
    const item = (mark, text) => h('li', {}, mark, ' ', text);
    const line = (kind) => h('span', { class: `line ${kind}`, 'aria-hidden': 'true' });
    this.legend.replaceChildren(
      h('h3', {}, T.legend),
      h('ul', { class: 'colours' }, entries.map(([text, colour]) => item(swatch(colour), text))),
      h('ul', {},
        item(swatch('#fff', 'square'), T.public),
        item(swatch('#fff', 'dot'), T.minority),
        item(swatch('#fff', 'triangle'), T.wider),
        item(swatch('#fff', 'dot gap'), T.gapFlag),
        item(swatch('#fff', 'dot broker'), T.brokerFlag),
        item(swatch('#fff', 'dot hinge'), T.hingeFlag)),
      h('ul', {},
        item(line('collaboration'), T.collaborationTie),
        item(line('activity'), T.activityTie),
        item(line('part-of'), T.partOfTie),
        item(line('fragile'), T.fragileTie),
        item(h('span', { class: 'line', style: 'border-top: 2px dotted #C4C4CC', 'aria-hidden': 'true' }), T.uncountedTie)),
    );
  }

  find(name) {
    const wanted = fold(name);
    if (!wanted) return null;
    if (this.byName.has(wanted)) return this.byName.get(wanted);
    for (const [folded, id] of this.byName) if (folded.includes(wanted)) return id;
    return null;
  }

  select(id) {
    const node = this.cy.$id(id);
    if (node.empty()) return;
    if (node.hasClass('hidden')) this.showAll();
    this.cy.$(':selected').unselect();
    node.select();
    this.reveal(node.connectedEdges());
    this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 1.2) }, { duration: 300 });
  }

  // Only `elements` on the map: the other organisations (and so their ties) are hidden.
  only(elements) {
    this.cy.batch(() => {
      this.cy.nodes().addClass('hidden');
      elements.nodes().removeClass('hidden');
    });
    this.reveal(elements.edges());
    this.fitTo(elements);
    return elements;
  }

  neighbourhood(id, steps) {
    let shown = this.cy.$id(id);
    for (let i = 0; i < steps; i += 1) shown = shown.closedNeighborhood();
    return this.only(shown);
  }

  // The organisations on a shortest path (fewest ties), or null when there is none.
  path(fromId, toId) {
    const found = this.cy.elements().aStar({ root: this.cy.$id(fromId), goal: this.cy.$id(toId) });
    if (!found.found) return null;
    this.only(found.path);
    return found.path.nodes().map((n) => n.data('name'));
  }

  // Fits `elements`, but never closer than names at twice their size: a handful of
  // organisations would otherwise fill the screen with overlapping labels.
  fitTo(elements) {
    this.cy.fit(elements, 40);
    if (this.cy.zoom() > 1.5) {
      this.cy.zoom(1.5);
      this.cy.center(elements);
    }
  }

  // Names and gap borders keep their size on screen at any zoom; beyond the overview zoom
  // every organisation is named, below it only the marked ones.
  scaleText() {
    const z = this.cy.zoom();
    const named = z >= 0.9 || this.cy.nodes().length <= 40;
    if (named !== this.named) {
      this.named = named;
      this.cy.batch(() => (named ? this.cy.nodes().addClass('named') : this.cy.nodes().removeClass('named')));
    }
    if (this.restyling) return;
    this.restyling = requestAnimationFrame(() => {
      this.restyling = null;
      this.cy.style().update(); // the zoom-dependent sizes below are functions of the zoom
    });
  }

  // One community's organisations stand out; the rest fade. null clears.
  highlight(group) {
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded in-focus');
      if (!group) return;
      const members = this.cy.nodes().filter((n) => n.data('group') === group || n.data('communities').includes(group));
      const around = members.connectedEdges();
      this.cy.nodes().not(members).addClass('faded');
      this.cy.edges().not(around).addClass('faded');
      members.addClass('in-focus');
      this.reveal(around);
    });
    const members = this.cy.nodes('.in-focus');
    if (members.nonempty()) this.fitTo(members.union(members.neighborhood()));
  }

  resize() {
    this.cy.resize();
    const focus = this.cy.nodes('.in-focus');
    if (focus.nonempty()) this.fitTo(focus.union(focus.neighborhood()));
    else this.cy.fit(this.cy.nodes(':visible'), 20);
  }

  showAll() {
    this.cy.nodes('.hidden').removeClass('hidden');
    this.reveal(this.cy.collection());
    this.cy.fit(undefined, 20);
  }

  visibleCounts() {
    // Counted from the classes: the drawn style of thousands of elements is updated lazily.
    const shown = (node) => !node.hasClass('hidden');
    const n = this.cy.nodes().filter(shown).length;
    const m = this.cy.edges().filter((e) => !e.hasClass('quiet') && shown(e.source()) && shown(e.target())).length;
    return { n, m };
  }
}
