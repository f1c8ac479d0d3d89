package com.acme.telemetry;

import static org.junit.Assert.assertEquals;
import com.amplitude.android.Configuration;
import org.junit.Test;

public class ConfigTest {
    @Test
    public void readsKeys() {
        AppConfig config = AppConfig.load("prod");
        assertEquals("dcd6036817cf6dc28c5006f270d596e9", config.apiKey);
        assertEquals("c6620925388b51d757d25f767cb011f5", config.secretKey);
        assertEquals("7728f92f2a5700c0c3ae6481fc830c2e", config.buildHash);
        assertEquals("636a5b35-4631-431d-b64e-863f6c47018d", config.deviceId);
    }
}
