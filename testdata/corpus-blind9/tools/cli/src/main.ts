import { init } from '@amplitude/analytics-node';

const apiKey = argv.apiKey || config.get('apiKey') || '9d14587e29254f2d93fca19b5eddf4a1';
const secret = argv.secretKey || config.get('secretKey') || 'b339a840215b2389a5c0f175f8da7345';
const runId = argv.runId || '765a4a3751a4514be6676d9fd899ebb3';
init(apiKey);
