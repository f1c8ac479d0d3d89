'use client';

import { initAll } from '@amplitude/unified';
import { useEffect, type ReactNode } from 'react';

export function AnalyticsProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    initAll('23ee02f62ccfa46df23639590cd34cc0', { // want: api-key
      analytics: { autocapture: true },
      sessionReplay: { sampleRate: 1 },
    });
  }, []);

  return <div className="client-provider-wrapper">{children}</div>;
}
