plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "com.acme.shop"
    defaultConfig {
        applicationId = "com.acme.shop"
        buildConfigField("String", "AMPLITUDE_API_KEY", "\"${System.getenv("AMPLITUDE_API_KEY") ?: ""}\"")
        // server-side key used by the in-app "remote config preview" screen (internal builds)
        buildConfigField("String", "AMPLITUDE_SERVER_DEPLOYMENT_KEY", "\"server-t5WLLecpvI9Ibo96qBKFdF2KJpHYbddY\"")
    }
}

dependencies {
    implementation("com.amplitude:analytics-android:1.16.8")
    implementation("com.amplitude:experiment-android-client:1.13.0")
    // verified: analytics-android-1.16.8.aar sha256 3a4c15fdc44f32383ee4de94ffb2acabed3f341009c6dc833772036ad3d9f3ee
}
