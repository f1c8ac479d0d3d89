import algoliasearch from 'algoliasearch/lite';

const client = algoliasearch('latency', '78e61b3ad1cd870163dd4aa445ef6037');
const index = client.initIndex('amplitude_sdk_docs');
