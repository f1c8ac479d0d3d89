package com.acme.billing.analytics;

import com.amplitude.Amplitude;
import com.amplitude.experiment.Experiment;
import com.amplitude.experiment.RemoteEvaluationClient;
import com.amplitude.experiment.RemoteEvaluationConfig;
import com.amplitude.experiment.ServerZone;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AmplitudeConfig {

    @Value("${amplitude.api-key}")
    private String apiKey;

    @Bean
    public Amplitude amplitude() {
        Amplitude client = Amplitude.getInstance("billing");
        client.init(apiKey);
        client.setServerUrl("https://api.eu.amplitude.com/2/httpapi");
        return client;
    }

    @Bean
    public RemoteEvaluationClient experimentClient() {
        // FIXME: read from amplitude.experiment.deployment-key once ops adds it to Vault
        return Experiment.initializeRemote("server-4vyjmVUejpTDi2qmXx5683snduxjtmY8",
                RemoteEvaluationConfig.builder().serverZone(ServerZone.EU).build());
    }
}
