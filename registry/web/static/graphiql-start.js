// Starts GraphiQL against this server's /graphql, with an example query the caller's role
// may run (contacts only from CONTACT_VIEWER up; a VIEWER would get `data: null`).
// The session cookie signs the requests in; the CSRF token shows they come from this page.
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const role = document.querySelector('meta[name="registry-role"]').content;
const ROLES = ['VIEWER', 'CONTACT_VIEWER', 'EDITOR', 'ADMIN'];
const mayReadContacts = ROLES.indexOf(role) >= ROLES.indexOf('CONTACT_VIEWER');
const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'X-CSRF-Token': csrf } });
const contacts = mayReadContacts ? ' contacts { name email }' : '';
const defaultQuery = `# Organisations of one community in one district: pick ids from the lists below.
# Signed in as ${role}${mayReadContacts ? '' : '; contact persons need the CONTACT_VIEWER role'}.
{
  communities(first: 5) { edges { node { id name dimension } } }
  areas(filter: { kinds: [DISTRICT] }, first: 15) { edges { node { id name } } }
  organisations(first: 10) {
    totalCount
    edges { node { id name kind communities { name } areas { name }${contacts} } }
  }
}
`;
// The editors are CodeMirror text areas without a name; screen readers need one.
const EDITOR_NAMES = {
  'graphiql-query-editor': 'GraphQL query',
  'graphiql-editor-tool': 'Variables or headers',
  'graphiql-response': 'Response',
};
function nameEditors() {
  for (const [area, label] of Object.entries(EDITOR_NAMES)) {
    for (const input of document.querySelectorAll(`.${area} textarea:not([aria-label])`)) {
      input.setAttribute('aria-label', label);
    }
    // The scroll boxes too: keyboard users scroll them without a mouse.
    for (const box of document.querySelectorAll(`.${area} .CodeMirror-scroll:not([tabindex="0"])`)) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('aria-label', label);
    }
  }
}
new MutationObserver(nameEditors).observe(document.getElementById('graphiql'), { childList: true, subtree: true });
// A fresh default for each role: GraphiQL would otherwise reopen the last role's query.
const storage = window.localStorage;
if (storage.getItem('registry.explorerRole') !== role) {
  for (const key of Object.keys(storage)) if (key.startsWith('graphiql:')) storage.removeItem(key);
  storage.setItem('registry.explorerRole', role);
}
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
);
