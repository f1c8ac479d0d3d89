plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "com.acme.shop"
    compileSdk = 34

    defaultConfig {
        applicationId = "com.acme.shop"
        minSdk = 24
        targetSdk = 34
        versionCode = 241
        versionName = "2.4.1"
        buildConfigField("String", "AMPLITUDE_API_KEY", "\"80ae5ae4618e42d5aadeb5224caf426c\"")
    }
    buildFeatures { buildConfig = true }
}

dependencies {
    implementation("com.amplitude:analytics-android:1.16.7")
    implementation("com.amplitude:experiment-android-client:1.12.0")
}
