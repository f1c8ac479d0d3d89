package com.acme.flags;

import com.amplitude.experiment.Experiment;
import com.amplitude.experiment.RemoteEvaluationClient;
import com.amplitude.experiment.RemoteEvaluationConfig;

public class FlagService {
    private static final String DEPLOYMENT = "server-GaxIDLZSL1MQ2bFT6l4MyoWPK5bFFn7i";

    private final RemoteEvaluationClient client =
        Experiment.initializeRemote(DEPLOYMENT, RemoteEvaluationConfig.builder().build());
}
