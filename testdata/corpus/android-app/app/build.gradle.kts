plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "com.acme.shop"
    compileSdk = 34

    defaultConfig {
        applicationId = "com.acme.shop"
        minSdk = 24
        targetSdk = 34
        versionCode = 4102
        versionName = "4.1.0"
        buildConfigField("String", "AMPLITUDE_API_KEY", "\"${project.findProperty("AMPLITUDE_API_KEY")}\"") // near-miss: reference
        // used by the in-app export screen (should never ship in an APK)
        buildConfigField("String", "AMPLITUDE_SECRET_KEY", "\"66a02213ad67e0f2aa24cd8d57679d8d\"") // want: secret-key
    }

    buildFeatures { buildConfig = true }
}

dependencies {
    implementation("com.amplitude:analytics-android:1.16.8")
    implementation("com.amplitude:experiment-android-client:1.12.1")
    implementation("com.amplitude:android-sdk:2.39.8")
}
