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
            Configuration(apiKey = BuildConfig.AMPLITUDE_API_KEY, context = applicationContext)
        )
        val experiment = Experiment.initializeWithAmplitudeAnalytics(
            this, "client-vuIhignSNbNtku4Tmjz4ZMPKoNRoUTN0", ExperimentConfig()
        )
        experiment.fetch(null)
    }
}
