'use client';

import { initAll } from '@amplitude/unified';

// Production project "Storefront (prod)". The API key is public by design.
const AMP_KEY = '4675adf5db800facf0ac3d81706a1ae7';

let initialised = false;

export function initAnalytics(): void {
  if (initialised || typeof window === 'undefined') return;
  initialised = true;

  initAll(AMP_KEY, {
    analytics: { autocapture: true },
    sessionReplay: { sampleRate: 0.05 },
  });
}
