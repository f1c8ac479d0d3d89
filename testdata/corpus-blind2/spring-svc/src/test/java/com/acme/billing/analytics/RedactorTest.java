package com.acme.billing.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    // Built at runtime so that the fixture itself never holds a key-shaped literal.
    private static final String LINE = "AMPLITUDE_DEPLOYMENT_KEY=server-" + "Q7x".repeat(10) + "Z9";

    @Test
    void masksServerDeploymentKey() {
        String masked = Redactor.mask(LINE);
        assertThat(masked).isEqualTo("AMPLITUDE_DEPLOYMENT_KEY=server-abc…");
        assertThat(masked).doesNotContain("server-abcdefghijklmnopqrstuvwxyz012345");
    }

    @Test
    void masksClientKeyInJson() {
        String json = "{\"deploymentKey\":\"client-AbCdEfGhIjKlMnOpQrStUvWxYz012345\"}";
        assertThat(Redactor.mask(json)).isEqualTo("{\"deploymentKey\":\"client-AbC…\"}");
    }
}
