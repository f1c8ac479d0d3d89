package com.acme.legacy;

import android.os.Bundle;
import androidx.appcompat.app.AppCompatActivity;
import com.amplitude.api.Amplitude;

public class MainActivity extends AppCompatActivity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        setContentView(R.layout.activity_main);
        Amplitude.getInstance()
            .initialize(this, "34faf964697f51c967ca668e278894b6")
            .enableForegroundTracking(getApplication());
    }
}
