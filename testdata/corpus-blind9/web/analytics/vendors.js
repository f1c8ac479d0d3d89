import mixpanel from 'mixpanel-browser';
import * as Sentry from '@sentry/browser';
import { datadogRum } from '@datadog/browser-rum';
import posthog from 'posthog-js';

mixpanel.init('4cdce9f6f12ec8c08046bb392ec3ff24', { name: 'amplitude-migration' });

Sentry.init({
  dsn: 'https://2877229c06b1bfdf4354ca2b5e516c61@o4504.ingest.sentry.io/4505',
  environment: 'amplitude-proxy',
});

datadogRum.init({
  applicationId: '421e8fbe-7dc9-4c04-b4fd-c66a05b6ebfe',
  clientToken: 'puba6ee2ed5d9d3898c46890d43bc491398',
  site: 'datadoghq.com',
  service: 'amplitude-dashboard',
});

posthog.init('b66cdc8e54a4b22dea5436d8373daa4f', { api_host: 'https://eu.posthog.com', persistence_name: 'amplitude_compat' });
