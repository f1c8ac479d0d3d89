// Pulls the weekly-actives chart for the TV dashboard.
// Share link for humans: https://analytics.amplitude.com/share/34cff8f90da1fedb62f181d6e0de1322
const CHART_ID = "e7q2k1m";

async function weeklyActives() {
  const res = await fetch(`https://amplitude.com/api/3/chart/${CHART_ID}/query`, {
    headers: {
      Authorization: "Basic NzYxYmVkYjRlZDNmYWM1MDg5OGYxNzJmY2U4MDI0Yzc6ZTMwODZjOWMyYjIxMWY1NjU2NTljN2YwZjAxODdkNTk=",
    },
  });
  if (!res.ok) throw new Error(`chart ${res.status}`);
  const { data } = await res.json();
  return data.series[0];
}

module.exports = { weeklyActives };
