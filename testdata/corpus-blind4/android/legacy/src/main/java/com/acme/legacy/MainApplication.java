package com.acme.legacy;

import android.app.Application;
import com.amplitude.api.Amplitude;

public class MainApplication extends Application {
    private static final String ANALYTICS_AMPLITUDE_KEY = "cc7537bd14f27ce8e0a53e1858831175";

    @Override
    public void onCreate() {
        super.onCreate();
        Amplitude.getInstance()
            .initialize(this, ANALYTICS_AMPLITUDE_KEY)
            .enableForegroundTracking(this);
    }
}
