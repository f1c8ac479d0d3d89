package com.acme.shop.flags

import android.app.Application
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentClient
import com.amplitude.experiment.ExperimentConfig
import dagger.Module
import dagger.Provides
import dagger.hilt.InstallIn
import dagger.hilt.components.SingletonComponent
import javax.inject.Singleton

@Module
@InstallIn(SingletonComponent::class)
object FlagsModule {
    @Provides
    @Singleton
    fun provideExperimentClient(app: Application): ExperimentClient =
        Experiment.initializeWithAmplitudeAnalytics(
            app,
            "client-NmA5IS8H965gGiHOQTnVGzNlvxxvuHHE",
            ExperimentConfig.builder().fetchOnStart(true).build(),
        )
}
