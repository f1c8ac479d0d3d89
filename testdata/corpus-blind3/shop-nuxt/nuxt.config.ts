// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  devtools: { enabled: true },
  modules: ['@pinia/nuxt', '@nuxtjs/tailwindcss'],
  runtimeConfig: {
    public: {
      // filled from NUXT_PUBLIC_* at runtime
      amplitudeApiKey: '',
      shopCurrency: 'USD',
    },
  },
  app: {
    head: { title: 'Acme Shop' },
  },
});
