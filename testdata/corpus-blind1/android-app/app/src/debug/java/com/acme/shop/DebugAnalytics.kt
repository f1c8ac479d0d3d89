package com.acme.shop

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.common.Logger

object DebugAnalytics {
    fun create(context: Context): Amplitude = Amplitude(
        Configuration(
            apiKey = BuildConfig.AMPLITUDE_API_KEY,
            context = context,
            flushIntervalMillis = 1_000,
        )
    ).also { it.logger.logMode = Logger.LogMode.DEBUG }
}
