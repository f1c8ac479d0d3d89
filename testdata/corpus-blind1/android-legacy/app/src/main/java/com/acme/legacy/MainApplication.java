package com.acme.legacy;

import android.app.Application;

import com.amplitude.api.Amplitude;

public class MainApplication extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        Amplitude.getInstance().initialize(this, "a101e719718e773cdb5e3635ba2a81e9").enableForegroundTracking(this);
        Amplitude.getInstance().trackSessionEvents(true);
    }
}
