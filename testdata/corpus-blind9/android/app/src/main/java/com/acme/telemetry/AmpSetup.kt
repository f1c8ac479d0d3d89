package com.acme.telemetry

import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

object AmpSetup {
    // old apiKey, rotated 2023-11: 42f0b35c0f34f9c830f36ca734fdeec3
    // build fingerprint a8a34b68e09edd9b2a3c89fd04c87f42
    fun create(ctx: android.content.Context, key: String) =
        Amplitude(Configuration(apiKey = key, context = ctx))
}
