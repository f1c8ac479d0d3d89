package com.acme.pricing

import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentUser
import com.amplitude.experiment.RemoteEvaluationConfig

object FlagClient {
    private val client = Experiment.initializeRemote(
        "server-YGQfBsP0HU0tjF7PzvMlOEySLOIc7lF9",
        RemoteEvaluationConfig(fetchTimeoutMillis = 500),
    )

    fun variant(userId: String, flag: String): String? =
        client.fetch(ExperimentUser.builder().userId(userId).build()).get()[flag]?.value
}
