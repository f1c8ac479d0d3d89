/** @type {import('next').NextConfig} */
const { execSync } = require('child_process');

const nextConfig = {
  reactStrictMode: true,
  // Values under `env` are inlined into the client bundle at build time.
  env: {
    NEXT_PUBLIC_AMPLITUDE_API_KEY: process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY,
    AMPLITUDE_SECRET_KEY: 'e10ee4cd06020ae9a0e7eedaa0d0a681',
  },
  generateBuildId: async () => process.env.GIT_SHA || '2bab7e2915e0677de5cbf3e116c4b70a366ce119',
  images: {
    remotePatterns: [{ protocol: 'https', hostname: 'cdn.acme.example' }],
  },
};

module.exports = nextConfig;
