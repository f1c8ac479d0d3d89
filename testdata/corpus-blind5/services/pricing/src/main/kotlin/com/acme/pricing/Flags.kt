package com.acme.pricing

import com.amplitude.experiment.Experiment
import com.amplitude.experiment.RemoteEvaluationConfig

object Flags {
    val client = Experiment.initializeRemote(
        "server-zesIZ9MZ7Y19CEQ1mO3BoqX58l3B9ZbA",
        RemoteEvaluationConfig()
    )
}
