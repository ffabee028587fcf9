// Editing in the page for EDITORs and above: every form is a client of the GraphQL API's
// mutations, with the version the form was opened at (a stale edit gets CONFLICT) and the
// API's field errors shown at their field. VIEWERs never get these controls.
import { T, gql, h, say } from './api.js';

export const mayEdit = document.body.dataset.edit === 'true';
const ORG_FIELDS = ['name', 'kind', 'email', 'phone', 'website', 'streetAddress', 'postalCode', 'city', 'description'];
const PERSON_FIELDS = ['name', 'role', 'email', 'phone'];
const INPUT_TYPES = { email: 'email', phone: 'tel', website: 'url' };
let forms = 0;

// A labelled form for `fields` filled from `values`; `save(values)` runs the mutation.
function entityForm(title, fields, values, save, extra = []) {
  forms += 1;
  const n = forms;
  const id = (field) => `e${n}-${field}`;
  const alert = h('p', { class: 'form-alert', role: 'alert', hidden: true });
  const input = (field) => {
    if (field === 'kind') {
      return h('select', { id: id(field), name: field },
        Object.entries(T.kinds).map(([k, label]) => h('option', { value: k, selected: values.kind === k }, label)));
    }
    if (field === 'description') return h('textarea', { id: id(field), name: field, rows: 3 }, values[field] || '');
    return h('input', { id: id(field), name: field, type: INPUT_TYPES[field] || 'text', value: values[field] || '',
      required: field === 'name', autocomplete: 'off' });
  };
  const form = h('form', { class: 'edit-form', novalidate: true },
    h('h3', {}, title),
    alert,
    fields.map((field) => h('div', { class: 'field' },
      h('label', { for: id(field) }, T.fields[field] || field), input(field),
      h('span', { class: 'field-error', id: `${id(field)}-error`, hidden: true }))),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, T.save), extra));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, alert);
    const changed = {};
    for (const field of fields) {
      const value = form.elements.namedItem(field).value.trim();
      if (value !== (values[field] || '')) changed[field] = value;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await save(changed);
    } catch (error) {
      showError(form, alert, error, id);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
  return form;
}

function clearErrors(form, alert) {
  alert.hidden = true;
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  for (const el of form.querySelectorAll('.field-error')) el.hidden = true;
}

// CONFLICT says someone saved first; a field error goes next to its field.
function showError(form, alert, error, id) {
  const first = (error.errors || [])[0] || { message: error.message, extensions: {} };
  const { code, field } = first.extensions || {};
  const target = field && form.elements.namedItem(field);
  if (code === 'CONFLICT') {
    alert.replaceChildren(T.conflict, ' ', h('button', { type: 'button', class: 'link', onclick: () => form.dispatchEvent(new Event('reload')) }, T.reloadNow));
    alert.hidden = false;
    alert.scrollIntoView({ block: 'nearest' });
  } else if (target) {
    const note = form.querySelector(`#${id(field)}-error`);
    note.textContent = say(T.fieldError, { m: first.message });
    note.hidden = false;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', note.id);
    target.focus();
  } else {
    alert.textContent = say(T.error, { m: first.message });
    alert.hidden = false;
    alert.scrollIntoView({ block: 'nearest' });
  }
}

const ERRORS = 'id version';

// The changed fields as a patch; emptied fields are cleared. Nothing changed, nothing sent.
function patchWith(mutation, type, entity, changed) {
  const patch = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== ''));
  const clear = Object.keys(changed).filter((k) => changed[k] === '');
  if (!Object.keys(changed).length) return Promise.resolve();
  return gql(`mutation($id: ID!, $v: Int!, $patch: ${type}!, $clear: [String!]) {
    ${mutation}(id: $id, expectedVersion: $v, patch: $patch, clear: $clear) { ${ERRORS} } }`,
  { id: entity.id, v: entity.version, patch, clear });
}

// The edit controls under an organisation's details: its fields, archive, a new contact
// person, a tie to a community, area or topic, and a collaboration with another organisation.
export function organisationEditing(org, ctx) {
  const saved = (message) => ctx.changed(org.id, message);
  const update = (changed) => patchWith('updateOrganisation', 'OrganisationPatch', org, changed).then(() => saved(T.saved));
  const archive = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    if (!window.confirm(say(T.confirmArchive, { n: org.name }))) return;
    await gql(`mutation($id: ID!, $v: Int!) { archiveOrganisation(id: $id, expectedVersion: $v) { ${ERRORS} } }`,
      { id: org.id, v: org.version });
    ctx.changed(null, say(T.archived, { n: org.name }));
  } }, T.archive);
  const form = entityForm(T.editOrganisation, ORG_FIELDS, org, update, [archive]);
  form.addEventListener('reload', () => ctx.changed(org.id, ''));
  const parts = [h('details', { class: 'editing' }, h('summary', {}, T.edit), form,
    linkForm(org, ctx), collaborationForm(org, ctx),
    entityForm(T.newContact, PERSON_FIELDS, {}, (values) => createContact(org, values, ctx)))];
  for (const person of org.contacts || []) {
    const edit = entityForm(say(T.editContact, { n: person.name }), PERSON_FIELDS, person,
      (changed) => patchWith('updatePerson', 'PersonPatch', person, changed).then(() => saved(T.saved)));
    edit.addEventListener('reload', () => ctx.changed(org.id, ''));
    parts[0].append(edit);
  }
  return parts;
}

async function createContact(org, values, ctx) {
  const { createPerson: person } = await gql(`mutation($input: PersonInput!) { createPerson(input: $input) { id } }`,
    { input: values });
  await gql(`mutation($input: LinkInput!) { link(input: $input) { id } }`,
    { input: { type: 'CONTACT_FOR', sourceId: person.id, targetId: org.id } });
  ctx.changed(org.id, T.saved);
}

// A tie to a community (represents or serves), a district or area, or a topic.
function linkForm(org, ctx) {
  forms += 1;
  const kinds = { REPRESENTS: 'communities', SERVES: 'communities', LOCATED_IN: 'areas', WORKS_ON: 'topics' };
  const type = h('select', { id: `l${forms}-type`, name: 'type' },
    Object.keys(kinds).map((k) => h('option', { value: k }, T.linkTypes[k])));
  const target = h('select', { id: `l${forms}-target`, name: 'targetId' });
  const fill = () => target.replaceChildren(...Object.entries(ctx.payload[kinds[type.value]])
    .sort((a, b) => a[1].name.localeCompare(b[1].name)).map(([id, c]) => h('option', { value: id }, c.name)));
  type.addEventListener('change', fill);
  fill();
  return entityLikeForm(T.addLink, [[T.linkType, type], [T.linkTarget, target]], async () => {
    await gql(`mutation($input: LinkInput!) { link(input: $input) { id } }`,
      { input: { type: type.value, sourceId: org.id, targetId: target.value } });
    ctx.changed(org.id, T.saved);
  });
}

function collaborationForm(org, ctx) {
  forms += 1;
  const partner = h('input', { id: `c${forms}-partner`, name: 'partnerId', list: 'org-names', autocomplete: 'off', required: true });
  return entityLikeForm(T.addCollaboration, [[T.collaborationPartner, partner]], async () => {
    const partnerId = ctx.find(partner.value);
    if (!partnerId) throw Object.assign(new Error(T.notFound), { errors: [{ message: T.notFound, extensions: { field: 'partnerId' } }] });
    await gql(`mutation($input: CollaborationInput!) { createCollaboration(input: $input) { id } }`,
      { input: { organisationId: org.id, partnerId } });
    ctx.changed(org.id, T.saved);
  });
}

// A small form of ready-made controls, with the same error handling as the entity forms.
function entityLikeForm(title, controls, run) {
  const alert = h('p', { class: 'form-alert', role: 'alert', hidden: true });
  const form = h('form', { class: 'edit-form' }, h('h3', {}, title), alert,
    controls.map(([label, control]) => h('div', { class: 'field' }, h('label', { for: control.id }, label), control,
      h('span', { class: 'field-error', id: `${control.id}-error`, hidden: true }))),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, T.add)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, alert);
    try {
      await run();
    } catch (error) {
      showError(form, alert, error, (field) => form.elements.namedItem(field)?.id || field);
    }
  });
  return form;
}

// A new organisation, optionally representing a community; then its details open.
export function newOrganisationForm(ctx) {
  return entityForm(T.newOrganisation, ['name', 'kind', 'email', 'phone', 'city'], { kind: 'IMMIGRANT_ORGANISATION' },
    async (values) => {
      const { createOrganisation: org } = await gql(`mutation($input: OrganisationInput!) {
        createOrganisation(input: $input) { id } }`, { input: values });
      ctx.changed(org.id, T.saved);
    });
}
