(function () {
  var amplitude = window.amplitude;
  var key = getQueryParam('apiKey') || '86ca976325188914523756d7fbf86d93';
  var cacheBust = getQueryParam('v') || '59b35159691789f76bb635073b159d2f';
  amplitude.getInstance().init(key);
})();
