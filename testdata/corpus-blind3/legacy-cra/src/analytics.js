import amplitude from 'amplitude-js';

let ready = false;

export function initAnalytics(user) {
  if (ready) return;
  amplitude.getInstance().init("7cae36737dcac9b4ffb6a2f149756cf7", user ? String(user.id) : null, {
    includeUtm: true,
    includeReferrer: true,
    saveEvents: true,
  });
  ready = true;
}

export function logEvent(name, props) {
  amplitude.getInstance().logEvent(name, props);
}
