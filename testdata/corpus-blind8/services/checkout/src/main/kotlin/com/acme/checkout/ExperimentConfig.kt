package com.acme.checkout

import com.amplitude.experiment.Experiment
import com.amplitude.experiment.RemoteEvaluationClient
import com.amplitude.experiment.RemoteEvaluationConfig
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration

private const val DEPLOYMENT_KEY = "server-NB94R6ql5Ep8rDReSUVt67YjyIeVydcL"

@Configuration
class ExperimentConfig {
    @Bean
    fun experimentClient(): RemoteEvaluationClient =
        Experiment.initializeRemote(
            System.getenv("AMPLITUDE_DEPLOYMENT_KEY") ?: DEPLOYMENT_KEY,
            RemoteEvaluationConfig(fetchTimeoutMillis = 500),
        )
}
