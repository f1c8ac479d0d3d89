package com.acme.shop

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.android.DefaultTrackingOptions
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

class ShopApp : Application() {

    lateinit var amplitude: Amplitude
        private set

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(
            Configuration(
                apiKey = "55a584d1c7d33b391fc802a2ce54e646",
                context = applicationContext,
                defaultTracking = DefaultTrackingOptions.ALL,
                flushIntervalMillis = 20_000,
            )
        )
        Experiment.initializeWithAmplitudeAnalytics(
            this,
            BuildConfig.EXPERIMENT_DEPLOYMENT_KEY,
            ExperimentConfig.builder().build(),
        )
    }
}
