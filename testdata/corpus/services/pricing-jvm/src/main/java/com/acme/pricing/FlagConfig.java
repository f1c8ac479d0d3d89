package com.acme.pricing;

import com.amplitude.experiment.Experiment;
import com.amplitude.experiment.LocalEvaluationClient;
import com.amplitude.experiment.LocalEvaluationConfig;
import com.amplitude.experiment.RemoteEvaluationClient;
import com.amplitude.experiment.RemoteEvaluationConfig;

public final class FlagConfig {
    private static final String DEPLOYMENT_KEY = "server-Q62TLaRteZNeihu304wbbCZAI2hN9H8i"; // want: server-deployment-key

    private FlagConfig() {}

    public static RemoteEvaluationClient remote() {
        return Experiment.initializeRemote(DEPLOYMENT_KEY, RemoteEvaluationConfig.builder().fetchTimeoutMillis(500).build());
    }

    public static LocalEvaluationClient local() {
        return Experiment.initializeLocal(DEPLOYMENT_KEY, LocalEvaluationConfig.builder().build());
    }
}
