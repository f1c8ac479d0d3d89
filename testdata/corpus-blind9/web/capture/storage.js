import * as amplitude from '@amplitude/analytics-browser';

// DB name derived from the apiKey in capture.html ('2bf41e3107c072dffde2df9c03654f84')
const DB_PREFIX = 'amp_capture_';

// md5 of the last uploaded bundle: 639945d04ed0942d7030806908d00780
export function dbName(apiKey) {
  return DB_PREFIX + apiKey.slice(0, 10);
}

/* The request that failed had insert_id 3fbfee7ac9c89ce2a75ee452d74bbbc4; see the ticket. */
export function start(apiKey) {
  amplitude.init(apiKey, { autocapture: false });
}
