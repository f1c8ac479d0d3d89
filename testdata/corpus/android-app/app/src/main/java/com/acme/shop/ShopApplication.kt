package com.acme.shop

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

class ShopApplication : Application() {
    lateinit var amplitude: Amplitude

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(
            Configuration(
                apiKey = "0c89c11eadb564cd2403bce99ba54399", // want: api-key
                context = applicationContext,
                flushIntervalMillis = 10_000,
            )
        )
        val experiment = Experiment.initializeWithAmplitudeAnalytics(
            this,
            getString(R.string.amplitude_deployment_key),
            ExperimentConfig(),
        )
        experiment.fetch(null)
    }
}
