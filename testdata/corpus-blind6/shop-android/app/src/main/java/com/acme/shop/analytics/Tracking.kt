package com.acme.shop.analytics

import android.app.Application
import com.acme.shop.BuildConfig
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig
import com.newrelic.agent.android.NewRelic

object Tracking {
    private const val DEPLOYMENT_KEY = "client-wm8BrH1kDDKQndYnBNXAszHN38mVigaZ"

    lateinit var amplitude: Amplitude

    fun init(app: Application) {
        amplitude = Amplitude(Configuration(apiKey = BuildConfig.AMPLITUDE_API_KEY, context = app))
        Experiment.initializeWithAmplitudeAnalytics(app, DEPLOYMENT_KEY, ExperimentConfig())
        NewRelic.withApplicationToken("AAd71ceaf97e1d80916cc5dd56c073bb30b4b19872-NRMA").start(app)
    }
}
