package com.acme.shop.flags

import android.app.Application
import com.acme.shop.BuildConfig
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

private const val DEPLOYMENT_KEY = "client-sYWpI4QE9bBdU0jD3T67ATlj5HC0X8lL" // want: client-deployment-key

object FlagsModule {
    fun experiment(app: Application) =
        Experiment.initialize(app, DEPLOYMENT_KEY, ExperimentConfig.builder().debug(BuildConfig.DEBUG).build())

    fun amplitudeFromBuild(app: Application) =
        Amplitude(Configuration(apiKey = BuildConfig.AMPLITUDE_API_KEY, context = app)) // near-miss: reference
}
