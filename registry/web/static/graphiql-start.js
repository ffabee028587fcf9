// Starts GraphiQL against this server's /graphql, with an example query to begin from.
// The session cookie signs the requests in; the CSRF token shows they come from this page.
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'X-CSRF-Token': csrf } });
const defaultQuery = `# Organisations of one community in one district: pick ids from the lists below.
{
  communities(first: 5) { edges { node { id name dimension } } }
  areas(filter: { kinds: [DISTRICT] }, first: 15) { edges { node { id name } } }
  organisations(first: 10) {
    totalCount
    edges { node { id name kind communities { name } areas { name } contacts { name email } } }
  }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
);
