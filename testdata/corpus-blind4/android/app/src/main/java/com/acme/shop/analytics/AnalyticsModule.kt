package com.acme.shop.analytics

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

class AnalyticsModule(private val context: Context) {

    companion object {
        const val AMP_KEY = "864cad7e47ba300b998d2b589de34eb3"
        private const val EXPERIMENT_CLIENT_KEY: String =
            "client-6OhkAkoxTnlgXsgEB12VFq0UWoHbZQpO"
        // server key is injected at build time, never hardcode it here
        val SERVER_KEY_REF = BuildConfig.AMPLITUDE_SERVER_KEY
    }

    val amplitude by lazy { Amplitude(Configuration(apiKey = AMP_KEY, context = context)) }
    val experiment by lazy {
        Experiment.initialize(context.applicationContext as android.app.Application, EXPERIMENT_CLIENT_KEY, ExperimentConfig())
    }
}
