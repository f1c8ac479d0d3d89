package com.acme.shop.legacy;

import android.app.Activity;
import android.os.Bundle;
import com.amplitude.api.Amplitude;

public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        Amplitude.getInstance().initialize(this, "c068ba9284cd02ef385660cfac8f8d36")
            .enableForegroundTracking(getApplication());
    }
}
