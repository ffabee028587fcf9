// The Neo4j GraphQL Library on the registry's own Neo4j, without authentication: the peer
// that bench/peer_bench.py measures the registry against. The types map onto the labels,
// relationship types and property names the registry's Neo4j store writes
// (registry/store/cypher.py), so both servers read the same nodes.
//
//   NEO4J_URI=... NEO4J_USER=... NEO4J_PASSWORD=... NEO4J_DATABASE=... PORT=4000 node server.js
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  # Absent flags read as false, as in the registry's store (coalesce(n.archived, false)):
  # imported nodes need not carry them.
  type Organisation @node {
    id: ID!
    name: String!
    kind: String!
    orgNumber: String @alias(property: "org_number")
    archived: Boolean! @coalesce(value: false)
    sort: String!
    search: String!
    contacts: [Person!]! @relationship(type: "CONTACT_FOR", direction: IN)
    # The registry's communities: those it represents, then those it serves.
    communities: [Community!]!
      @cypher(
        statement: """
        CALL (this) { MATCH (this)-[:REPRESENTS]->(c:Community) RETURN c
          UNION MATCH (this)-[:SERVES]->(c:Community) RETURN c }
        RETURN c
        """
        columnName: "c"
      )
    areas: [Area!]! @relationship(type: "LOCATED_IN", direction: OUT)
    topics: [Topic!]! @relationship(type: "WORKS_ON", direction: OUT)
  }

  type Person @node {
    id: ID!
    name: String!
    email: String
    phone: String
    restricted: Boolean! @coalesce(value: false)
  }

  type Community @node {
    id: ID!
    name: String!
  }

  type Area @node {
    id: ID!
    name: String!
  }

  type Topic @node {
    id: ID!
    name: String!
  }
`;

const env = process.env;
const driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(env.PORT || 4000) },
  context: async () => ({ sessionConfig: { database: env.NEO4J_DATABASE || "neo4j" } }),
});
console.log(`peer ready at ${url}`);
