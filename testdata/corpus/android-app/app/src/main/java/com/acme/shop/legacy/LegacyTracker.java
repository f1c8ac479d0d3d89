package com.acme.shop.legacy;

import android.app.Application;
import com.amplitude.api.Amplitude;

public final class LegacyTracker {
    private LegacyTracker() {}

    public static void start(Application application) {
        Amplitude.getInstance().initialize(application, "4a9be1ca53a544fa73558364a9b6bbde").enableForegroundTracking(application); // want: api-key
    }
}
