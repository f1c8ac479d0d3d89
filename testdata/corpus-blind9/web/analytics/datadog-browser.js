window.DD_RUM && window.DD_RUM.init({
  clientToken: '4ae776f5044a99647090e8dc58764251',
  applicationId: '63244dbf-ad8e-4069-b6ab-2e8b9106492b',
  service: 'amplitude-proxy',
  env: 'prod',
});
