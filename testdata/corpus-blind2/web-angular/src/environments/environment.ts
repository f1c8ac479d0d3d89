// This file can be replaced during build by using the `fileReplacements` array.
// `ng build` replaces `environment.ts` with `environment.prod.ts`.

export const environment = {
  production: false,
  apiBaseUrl: 'http://localhost:3000',
  amplitudeApiKey: 'e5b1e7afb5119065831c19d50aa8ef2a',
  amplitudeDeploymentKey: 'client-ogp5meOEfaOYiLwZjaqbufrW8yJmyljZ',
};
