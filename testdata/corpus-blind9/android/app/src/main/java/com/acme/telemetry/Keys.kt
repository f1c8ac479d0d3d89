package com.acme.telemetry

import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

private const val TELEMETRY_KEY = "a3a51fbe595af4a1f6c7ec1cf27834a0"
private const val RELEASE_SHA = "9245a48154af6ff48f272ab068020309"

fun telemetry(ctx: android.content.Context) =
    Amplitude(Configuration(apiKey = TELEMETRY_KEY, context = ctx))
