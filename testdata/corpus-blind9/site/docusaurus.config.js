module.exports = {
  title: 'Amplitude Developer Docs',
  themeConfig: {
    algolia: {
      appId: 'BH4D9OD16A',
      apiKey: 'f4d7cbead857d5a84035a31638fb3aa4',
      indexName: 'amplitude',
      contextualSearch: true,
    },
  },
};
