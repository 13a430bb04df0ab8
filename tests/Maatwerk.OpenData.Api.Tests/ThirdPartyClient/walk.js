// Walks the service with Apache Olingo OData JS (ts-odatajs): the service document, the metadata, every
// collection to its end by @odata.nextLink, and one filtered query. Prints what it read as JSON.
// Usage: node walk.js <service root, e.g. http://127.0.0.1:5000/v1> <collection> <filter>
'use strict';
const odatajs = require('ts-odatajs');

const [root, filterCollection, filter] = process.argv.slice(2);
if (!root || !filterCollection || !filter) {
  console.error('usage: node walk.js <service root> <collection> <filter>');
  process.exit(2);
}

const base = root.endsWith('/') ? root : root + '/';

function read(requestUri, handler, accept = 'application/json') {
  return new Promise((resolve, reject) => odatajs.oData.read(
    { requestUri, headers: { Accept: accept, 'OData-MaxVersion': '4.0' } },
    (data) => resolve(data),
    (error) => reject(new Error(`${requestUri}: ${error.message} ${error.response ? error.response.statusCode + ' ' + error.response.body : ''}`)),
    handler));
}

async function readAll(uri) {
  const ids = [];
  let pages = 0;
  for (let next = uri; next; pages++) {
    const page = await read(next);
    ids.push(...page.value.map((row) => row.id));
    next = page['@odata.nextLink'];
  }
  return { ids, pages };
}

(async () => {
  const service = await read(root);
  const metadata = await read(base + '$metadata', odatajs.oData.metadataHandler, 'application/xml');
  const schema = metadata.dataServices.schema.find((s) => s.entityContainer);
  const collections = {};
  for (const set of service.value.filter((entry) => entry.kind === 'EntitySet')) {
    collections[set.name] = { url: set.url, ...(await readAll(new URL(set.url, base).toString())) };
  }
  const filtered = await readAll(new URL(`${filterCollection}?$filter=${encodeURIComponent(filter)}`, base).toString());
  console.log(JSON.stringify({
    entitySetsInMetadata: schema.entityContainer.entitySet.map((set) => set.name),
    collections,
    filtered: filtered.ids,
  }));
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
