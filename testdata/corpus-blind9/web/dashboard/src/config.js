import { createInstance } from '@amplitude/analytics-browser';

export const amp = createInstance();
const search = new URLSearchParams(location.search);
export const API_KEY = search.get("amplitudeKey") || "df260f2fa88d18ea9bffe138905f3e7c";
export const THEME = search.get("theme") || "dark";
amp.init(API_KEY);
