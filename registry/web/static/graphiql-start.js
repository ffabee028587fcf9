// Starts GraphiQL against this server's /graphql, with an example query to begin from.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
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
