// The side panel: one organisation's details from the API's `organisation(id:)` query,
// with contacts only for callers whose role may see them, and the map's figures for it.
import { T, gql, h, languageNames, number } from './api.js';
import { mayEdit, organisationEditing } from './editing.js';

const QUERY = `query Organisation($id: ID!, $contacts: Boolean!) {
  organisation(id: $id) {
    id version name kind orgNumber email phone website streetAddress postalCode city description languages
    represents { id name } serves { id name } areas { id name } topics { id name }
    activities { id name kind startDate endDate }
    contacts @include(if: $contacts) { id version name role email phone languages }
  }
}`;
const mayReadContacts = document.body.dataset.contacts === 'true';

function row(label, value) {
  return value ? [h('dt', {}, label), h('dd', {}, value)] : [];
}

function link(kind, value) {
  if (!value) return null;
  if (kind === 'web') return h('a', { href: value, rel: 'noopener noreferrer' }, value);
  return h('a', { href: `${kind}:${value}` }, value);
}

function names(list) {
  return list.length ? list.map((x) => x.name).join(', ') : T.none;
}

function figures(figure, payload) {
  if (!figure) return [];
  // Every community it represents, each with its status: it counts for all of them.
  const ids = figure.communities?.length ? figure.communities : [figure.group];
  const communities = ids.map((c) => payload.communities[c]).filter(Boolean);
  const flags = figure.flags.map((f) => ({ gap: T.gapFlag, broker: T.brokerFlag, hinge: T.hingeFlag })[f]);
  return [
    h('h3', {}, T.figures),
    h('dl', {},
      row(T.degree, String(figure.degree)),
      row(T.betweenness, number(figure.betweenness, 4)),
      row(T.cluster, figure.cluster === null ? T.none : String(figure.cluster + 1)),
      communities.length
        ? row(T.eiOfCommunity, communities.map((c) => `${c.name}: ${number(c.eiIndex)}`).join('; ')) : [],
      communities.some((c) => c.status)
        ? row(T.status, communities.filter((c) => c.status).map((c) => `${c.name}: ${T[c.status]}`).join('; ')) : [],
      flags.length ? row(T.marked, flags.join(', ')) : []),
  ];
}

export async function showDetails(panel, id, payload, editing) {
  const body = panel.querySelector('#details-body');
  panel.hidden = false;
  body.replaceChildren(h('p', {}, T.loading));
  const { organisation: o } = await gql(QUERY, { id, contacts: mayReadContacts });
  const address = [o.streetAddress, [o.postalCode, o.city].filter(Boolean).join(' ')]
    .filter(Boolean).join(', ');
  const communities = [
    ...o.represents.map((c) => `${c.name} (${T.represents})`),
    ...o.serves.map((c) => `${c.name} (${T.serves})`),
  ];
  const contacts = mayReadContacts
    ? [h('h3', {}, T.contacts), o.contacts.length
      ? h('ul', { class: 'contacts' }, o.contacts.map((p) => h('li', {},
        h('strong', {}, p.name), p.role ? ` – ${p.role}` : '', h('br'),
        link('mailto', p.email), p.email && p.phone ? ' · ' : '', link('tel', p.phone))))
      : h('p', {}, T.none)]
    : [h('p', { class: 'note' }, T.needsContactRole)];
  const figure = payload.organisations.find((x) => x.id === id);
  const parts = [
    h('h3', { id: 'details-name', class: 'org-name' }, o.name),
    h('p', {}, T.kinds[o.kind]),
    o.description ? h('p', {}, o.description) : null,
    h('dl', {},
      row(T.orgNumber, o.orgNumber),
      row(T.email, link('mailto', o.email)),
      row(T.phone, link('tel', o.phone)),
      row(T.website, link('web', o.website)),
      row(T.address, address),
      row(T.languages, languageNames(o.languages)),
      row(T.communities, communities.join('; ') || T.none),
      row(T.districts, names(o.areas)),
      row(T.topics, names(o.topics))),
    h('h3', {}, T.activities),
    o.activities.length
      ? h('ul', {}, o.activities.map((a) => h('li', {}, a.name, a.startDate ? ` (${a.startDate.slice(0, 4)})` : '')))
      : h('p', {}, T.none),
    contacts,
    figures(figure, payload),
    mayEdit && editing ? organisationEditing(o, editing) : null,
  ];
  body.replaceChildren(...parts.flat(Infinity).filter(Boolean));
  panel.dataset.id = id;
  panel.focus({ preventScroll: true });
}
