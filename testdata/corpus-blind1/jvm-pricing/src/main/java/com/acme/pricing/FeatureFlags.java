package com.acme.pricing;

import com.amplitude.experiment.Experiment;
import com.amplitude.experiment.ExperimentUser;
import com.amplitude.experiment.RemoteEvaluationClient;
import com.amplitude.experiment.RemoteEvaluationConfig;
import com.amplitude.experiment.Variant;

import java.util.Map;

public final class FeatureFlags {
    private static final String DEPLOYMENT_KEY = "server-zgLKAzuRg9hWeVyEHoSFT922winsgjAQ";

    private final RemoteEvaluationClient client;

    public FeatureFlags() {
        RemoteEvaluationConfig config = RemoteEvaluationConfig.builder()
                .fetchTimeoutMillis(500)
                .build();
        this.client = Experiment.initializeRemote(DEPLOYMENT_KEY, config);
    }

    public String pricingVariant(String userId) throws Exception {
        ExperimentUser user = ExperimentUser.builder().userId(userId).build();
        Map<String, Variant> variants = client.fetch(user).get();
        Variant v = variants.get("pricing-page-v2");
        return v == null ? "control" : v.value;
    }
}
