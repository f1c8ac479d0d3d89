/* global amplitude, jQuery */
(function ($) {
  'use strict';

  var AMPLITUDE_OPTIONS = { includeUtm: true, includeReferrer: true, saveEvents: true };
  amplitude.getInstance().init("133bf5954875b1fd769df404f76fbf99", null, AMPLITUDE_OPTIONS);

  $(document).on('click', '[data-track]', function () {
    var name = $(this).data('track');
    amplitude.getInstance().logEvent(name, { path: window.location.pathname });
  });
})(jQuery);
