// Reads the service with @odata/client, an OData v4 client this project did not write, as its users
// do: collections addressed by their entity-set names and paged with $top and $skip, a navigation path
// followed from one entity, and a missing entity asked for. Prints what it read as JSON.
// Usage: node odata-client.js <service root> <page size> <entity sets, comma-separated> <navigation path> <missing key>
'use strict';
const { OData } = require('@odata/client');

const [root, size, sets, navigationPath, missingKey] = process.argv.slice(2);
if (!root || !size || !sets || !navigationPath || !missingKey) {
  console.error('usage: node odata-client.js <service root> <page size> <entity sets> <navigation path> <missing key>');
  process.exit(2);
}

const pageSize = Number(size);
// The client sends no OData header of its own; with OData-MaxVersion the service knows it for an OData
// client and answers errors with the OData error object, which is what the client raises an error from.
const client = OData.New4({
  serviceEndpoint: root.endsWith('/') ? root : root + '/',
  commonHeaders: { 'OData-MaxVersion': '4.0' },
});

async function readAll(entitySet) {
  const ids = [];
  let pages = 0;
  for (;;) {
    const page = await client.getEntitySet(entitySet).query(client.newParam().orderby('id').top(pageSize).skip(ids.length));
    if (!Array.isArray(page)) {
      throw new Error(`${entitySet}: not a collection: ${JSON.stringify(page)}`);
    }
    pages++;
    ids.push(...page.map((row) => row.id));
    if (page.length < pageSize) {
      return { ids, pages };
    }
  }
}

(async () => {
  const collections = {};
  for (const entitySet of sets.split(',')) {
    collections[entitySet] = await readAll(entitySet);
  }

  const navigation = await readAll(navigationPath);

  let missing;
  try {
    const answer = await client.getEntitySet(sets.split(',')[0]).retrieve(missingKey);
    missing = { raised: false, answer };
  } catch (error) {
    missing = { raised: true, type: error.constructor.name, message: error.message };
  }

  console.log(JSON.stringify({ collections, navigation, missing }));
})().catch((error) => {
  console.error(error.stack || error.message);
  process.exit(1);
});
