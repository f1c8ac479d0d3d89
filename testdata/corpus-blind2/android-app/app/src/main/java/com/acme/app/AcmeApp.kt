package com.acme.app

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.core.ServerZone
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

class AcmeApp : Application() {
    lateinit var amplitude: Amplitude

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(
            Configuration(
                apiKey = BuildConfig.AMPLITUDE_API_KEY,
                context = applicationContext,
                serverZone = ServerZone.EU,
            )
        )
        Experiment.initializeWithAmplitudeAnalytics(this, BuildConfig.AMPLITUDE_EXPERIMENT_KEY, ExperimentConfig())
    }
}
