package com.acme.export;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

public final class EuExport {
    private static final URI EXPORT = URI.create(
        "https://65a751cfd019fc8bb1fee961d7953541:0f8258bc0d4bbf8e8a600f7f77cb2fb0@analytics.eu.amplitude.com/api/2/export?start=20240301T00&end=20240301T23");

    public static HttpRequest request() {
        return HttpRequest.newBuilder(EXPORT).GET().build();
    }
}
