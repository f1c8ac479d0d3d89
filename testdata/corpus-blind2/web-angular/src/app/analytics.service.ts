import { Injectable } from '@angular/core';
import * as amplitude from '@amplitude/analytics-browser';
import { Experiment, ExperimentClient } from '@amplitude/experiment-js-client';

import { environment } from '../environments/environment';

@Injectable({ providedIn: 'root' })
export class AnalyticsService {
  private readonly experiment: ExperimentClient;

  constructor() {
    amplitude.init(environment.amplitudeApiKey, { serverZone: 'EU' });
    // Marketing pages live in the "Acme Web" project and use its default deployment.
    this.experiment = Experiment.initialize('da4d2744d8da80140be1b8fd984da171', { serverZone: 'eu' });
  }

  async variant(flagKey: string): Promise<string | undefined> {
    await this.experiment.fetch();
    return this.experiment.variant(flagKey).value;
  }
}
