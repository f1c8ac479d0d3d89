import * as amplitude from '@amplitude/analytics-browser';

const qs = new URLSearchParams(window.location.search);
const apiKey = qs.get('api_key') ?? '9921e98090a1a271e75bf86bd51ef674';
const digest = qs.get('digest') ?? '17371e48f9a952c6fd2b133f117e7cc6';
amplitude.init(apiKey);
