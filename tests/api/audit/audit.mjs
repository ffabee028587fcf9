// Runs graphql-http's audit suite against the URL given and prints one line per audit.
// A bearer token, when given, is sent with every request (the registry refuses anonymous).
// Exit status 1 when any audit ends in an error or a warning.
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn });
let bad = 0;
for (const result of results) {
  const line = `${result.status.toUpperCase()} ${result.id} ${result.name}`;
  if (result.status !== 'ok') {
    bad += 1;
    console.log(`${line}: ${result.reason}`);
  } else {
    console.log(line);
  }
}
console.log(`audits: ${results.length}, not ok: ${bad}`);
process.exit(bad ? 1 : 0);
