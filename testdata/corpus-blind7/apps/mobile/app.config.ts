import { ExpoConfig } from 'expo/config';

const config: ExpoConfig = {
  name: 'Acme Shop',
  slug: 'acme-shop',
  version: '2.4.1',
  extra: {
    amplitudeApiKey: process.env.EXPO_PUBLIC_AMPLITUDE_API_KEY,
    // server key so the app can evaluate flags offline (ask Dan before changing)
    amplitudeServerDeploymentKey: 'server-c2QNRwl2fGDOFgUMaahngXdHO2dZyxkI',
    eas: { projectId: '7d1c0b62-7a3e-4b0c-9f55-3e2a1d8c4b90' },
  },
};

export default config;
