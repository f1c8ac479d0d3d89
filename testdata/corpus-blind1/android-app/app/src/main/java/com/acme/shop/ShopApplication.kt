package com.acme.shop

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

class ShopApplication : Application() {

    lateinit var amplitude: Amplitude
        private set

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(Configuration(apiKey = "f603b0f67fcbd80628f10528f2e204b2", context = applicationContext))
    }
}
