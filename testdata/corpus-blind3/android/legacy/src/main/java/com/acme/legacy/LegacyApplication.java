package com.acme.legacy;

import android.app.Application;

import com.amplitude.api.Amplitude;

public class LegacyApplication extends Application {

    @Override
    public void onCreate() {
        super.onCreate();
        Amplitude.getInstance()
                .initialize(this, "b3def85fe9438ba9211280efd909e535")
                .enableForegroundTracking(this);
    }
}
