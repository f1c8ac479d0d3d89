package com.acme.search;

import com.amplitude.experiment.Experiment;
import com.amplitude.experiment.LocalEvaluationClient;
import com.amplitude.experiment.LocalEvaluationConfig;

/**
 * Local evaluation for search ranking flags.
 * Deployment key format: server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX (see Experiment > Deployments).
 */
public final class FlagClient {
    private static final LocalEvaluationClient CLIENT;

    static {
        LocalEvaluationConfig config = LocalEvaluationConfig.builder()
                .flagConfigPollerIntervalMillis(30_000)
                .build();
        CLIENT = Experiment.initializeLocal("server-uHa0VxXKUyRx7cURT1juMyxsI3NLo0c5", config);
        CLIENT.start();
    }

    private FlagClient() {}

    public static LocalEvaluationClient get() {
        return CLIENT;
    }
}
