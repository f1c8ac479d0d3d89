package com.acme.shop

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

class ShopApplication : Application() {
    lateinit var amplitude: Amplitude

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(
            Configuration(
                apiKey = AMPLITUDE_API_KEY,
                context = applicationContext
            )
        )
    }

    companion object {
        private const val AMPLITUDE_API_KEY = "08294bf5f59acf404771b3177834f816"
    }
}
