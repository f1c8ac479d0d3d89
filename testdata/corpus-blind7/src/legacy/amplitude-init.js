/* global amplitude */
// legacy snippet, remove after migrating to @amplitude/analytics-browser
amplitude.getInstance().init(
  "59320d3bb1222cc0ff7d0de4218d1053",
  null,
  {
    includeReferrer: true,
    includeUtm: true,
    saveEvents: true
  }
);
